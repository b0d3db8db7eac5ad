import type { InputHTMLAttributes } from 'react';

/**
 * A text input for a Money string. `inputMode="decimal"` brings up the number pad on phones while
 * keeping the value a string (type="number" would turn "12.50" into a float).
 */
export function MoneyInput({
  currencySymbol,
  ...props
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> & { currencySymbol?: string }) {
  return (
    <div className="input-with-prefix">
      {currencySymbol && <span aria-hidden="true">{currencySymbol}</span>}
      <input type="text" inputMode="decimal" autoComplete="off" spellCheck={false} {...props} />
    </div>
  );
}
