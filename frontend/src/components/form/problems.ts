import { useEffect, useRef, useState, type RefObject } from 'react';

export type Problems<K extends string> = Partial<Record<K, string>>;

/**
 * A form's field errors. `check()` says what is wrong with the values as they are now; nothing is
 * shown until the person submits (`validate()`), then a field's error follows its value: it changes
 * wording as they type and disappears the moment the field is fixed. A failed submit moves focus to
 * the first field marked invalid (in page order), so a phone user lands on what to fix.
 */
export function useProblems<K extends string>(check: () => Problems<K>) {
  const form = useRef<HTMLFormElement>(null);
  const [shownFields, setShownFields] = useState<readonly K[]>([]);
  const [attempt, setAttempt] = useState(0);
  const current = check();
  const problems: Problems<K> = {};
  for (const field of shownFields) if (current[field]) problems[field] = current[field];

  useFocusFirstInvalid(form, attempt);

  /** Shows every current problem; true when there is none. */
  const validate = (): boolean => {
    const found = Object.keys(current).filter((k) => current[k as K]) as K[];
    setShownFields(found);
    if (found.length > 0) setAttempt((a) => a + 1);
    return found.length === 0;
  };
  return { form, problems, validate, count: Object.keys(problems).length };
}

/** After the n-th failed submit, focus the first `[aria-invalid="true"]` control of the form. */
export function useFocusFirstInvalid(form: RefObject<HTMLFormElement | null>, attempt: number) {
  useEffect(() => {
    if (attempt === 0) return;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [form, attempt]);
}
