import type { InputHTMLAttributes, Ref } from 'react';

/**
 * A text input for a Money string. `inputMode="decimal"` brings up the number pad on phones while
 * keeping the value a string (type="number" would turn "12.50" into a float).
 */
export function MoneyInput({
  currencySymbol,
  ref,
  ...props
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> & { currencySymbol?: string; ref?: Ref<HTMLInputElement> }) {
  return (
    <div className="input-with-prefix">
      {currencySymbol && <span aria-hidden="true">{currencySymbol}</span>}
      <input ref={ref} type="text" inputMode="decimal" autoComplete="off" spellCheck={false} {...props} />
    </div>
  );
}
