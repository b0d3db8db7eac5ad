/** A field's error message, linked to its input with aria-describedby={id}. */
export function FieldError({ id, message }: { id: string | undefined; message: string | undefined }) {
  if (!message || !id) return null;
  return (
    <p id={id} className="field-error">
      {message}
    </p>
  );
}
