/**
 * "Pause from … to …": one request that skips (or, to undo, clears) several occurrences of a
 * bill — setBillOccurrence / clearBillOccurrence once per date, aliased d0, d1, … The number of
 * dates is only known at run time, so this document is text built here rather than a codegen
 * document (codegen reads only static `graphql()` calls); its result is typed by hand below. Each field returns the Bill, so urql refetches every query that
 * holds bills (the page's dates, the lists, the forecast).
 */
export type ManyOccurrencesResult = Record<string, { id: string; nextDue?: string | null }>;
export type ManyOccurrencesVariables = { billId: string } & Record<`d${number}`, string>;

function build(field: 'setBillOccurrence' | 'clearBillOccurrence', count: number) {
  const aliases = Array.from({ length: count }, (_, i) => `d${i}`);
  const args = aliases.map((a) => `$${a}: Date!`).join(', ');
  const change = field === 'setBillOccurrence' ? ', change: { skip: true }' : '';
  const fields = aliases
    .map((a) => `  ${a}: ${field}(billId: $billId, date: $${a}${change}) { id nextDue }`)
    .join('\n');
  const name = field === 'setBillOccurrence' ? 'PauseBill' : 'ResumeBill';
  return `mutation ${name}($billId: ID!, ${args}) {\n${fields}\n}`;
}

/** Skips each of `dates` (scheduled dates of one bill) in one mutation. */
export function pauseBillMutation(billId: string, dates: readonly string[]) {
  return { query: build('setBillOccurrence', dates.length), variables: variables(billId, dates) };
}

/** Brings each of `dates` back as scheduled, in one mutation (Undo of a pause). */
export function resumeBillMutation(billId: string, dates: readonly string[]) {
  return { query: build('clearBillOccurrence', dates.length), variables: variables(billId, dates) };
}

function variables(billId: string, dates: readonly string[]): ManyOccurrencesVariables {
  const vars: Record<string, string> = { billId };
  dates.forEach((date, i) => (vars[`d${i}`] = date));
  return vars as ManyOccurrencesVariables;
}
