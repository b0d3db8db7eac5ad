/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment OccurrenceExceptionFields on OccurrenceException {\n    date\n    skip\n    amount\n    moveTo\n  }\n": typeof types.OccurrenceExceptionFieldsFragmentDoc,
    "\n  query ScheduleHolidays($from: Date!, $to: Date!) {\n    holidays(from: $from, to: $to) {\n      date\n      name\n    }\n  }\n": typeof types.ScheduleHolidaysDocument,
    "\n  fragment ScheduleFields on Schedule {\n    start\n    frequency\n    interval\n    daysOfMonth\n    until\n    count\n    weekend\n  }\n": typeof types.ScheduleFieldsFragmentDoc,
    "\n  query Me {\n    me {\n      id\n      email\n      currency\n      timezone\n      balance\n      balanceOn\n      planMode\n      holidays\n      calendarFeed {\n        createdAt\n      }\n      createdAt\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation SignIn($email: String!, $password: String!) {\n    signIn(email: $email, password: $password) {\n      user {\n        id\n        email\n      }\n    }\n  }\n": typeof types.SignInDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": typeof types.SignOutDocument,
    "\n  mutation SignUp($email: String!, $password: String!) {\n    signUp(email: $email, password: $password) {\n      user {\n        id\n        email\n      }\n    }\n  }\n": typeof types.SignUpDocument,
    "\n  query Bill($id: ID!) {\n    bill(id: $id) {\n      id\n      name\n      ...BillForm_Bill\n    }\n  }\n": typeof types.BillDocument,
    "\n  query BillOccurrences($id: ID!, $from: Date!, $to: Date!) {\n    bill(id: $id) {\n      id\n      name\n      amount\n      occurrences(from: $from, to: $to)\n      exceptions {\n        ...OccurrenceExceptionFields\n      }\n    }\n  }\n": typeof types.BillOccurrencesDocument,
    "\n  query Bills($includeArchived: Boolean! = false) {\n    bills(includeArchived: $includeArchived) {\n      id\n      name\n      amount\n      nextDue\n      archived\n      ...BillListItem_Bill\n    }\n  }\n": typeof types.BillsDocument,
    "\n  mutation ClearBillOccurrence($billId: ID!, $date: Date!) {\n    clearBillOccurrence(billId: $billId, date: $date) {\n      id\n      nextDue\n      exceptions {\n        ...OccurrenceExceptionFields\n      }\n    }\n  }\n": typeof types.ClearBillOccurrenceDocument,
    "\n  mutation CreateBill($input: BillInput!) {\n    createBill(input: $input) {\n      id\n      ...BillListItem_Bill\n    }\n  }\n": typeof types.CreateBillDocument,
    "\n  mutation DeleteBill($id: ID!) {\n    deleteBill(id: $id)\n  }\n": typeof types.DeleteBillDocument,
    "\n  mutation SetBillOccurrence($billId: ID!, $date: Date!, $change: OccurrenceChange!) {\n    setBillOccurrence(billId: $billId, date: $date, change: $change) {\n      id\n      nextDue\n      exceptions {\n        ...OccurrenceExceptionFields\n      }\n    }\n  }\n": typeof types.SetBillOccurrenceDocument,
    "\n  mutation UpdateBill($id: ID!, $patch: BillPatch!) {\n    updateBill(id: $id, patch: $patch) {\n      id\n      ...BillListItem_Bill\n      ...BillForm_Bill\n    }\n  }\n": typeof types.UpdateBillDocument,
    "\n  fragment BillForm_Bill on Bill {\n    id\n    name\n    amount\n    category\n    autopay\n    notes\n    archived\n    reserved\n    reservedOn\n    schedule {\n      ...ScheduleFields\n    }\n  }\n": typeof types.BillForm_BillFragmentDoc,
    "\n  fragment BillListItem_Bill on Bill {\n    id\n    name\n    amount\n    category\n    autopay\n    archived\n    nextDue\n    schedule {\n      ...ScheduleFields\n    }\n  }\n": typeof types.BillListItem_BillFragmentDoc,
    "\n  query CalendarMonth($from: Date!, $until: Date!) {\n    forecast(from: $from, until: $until) {\n      from\n      until\n      startingBalance\n      balances {\n        date\n        balance\n      }\n      billsBeforeNextPayday {\n        ...CalendarDay_BillOccurrence\n      }\n      periods {\n        start\n        paydays {\n          ...CalendarDay_PaydayOccurrence\n        }\n        bills {\n          ...CalendarDay_BillOccurrence\n        }\n      }\n    }\n    holidays(from: $from, to: $until) {\n      date\n      name\n    }\n  }\n": typeof types.CalendarMonthDocument,
    "\n  fragment CalendarDay_BillOccurrence on BillOccurrence {\n    date\n    amount\n    bill {\n      id\n      name\n      autopay\n    }\n  }\n": typeof types.CalendarDay_BillOccurrenceFragmentDoc,
    "\n  fragment CalendarDay_PaydayOccurrence on PaydayOccurrence {\n    date\n    amount\n    payday {\n      id\n      name\n    }\n  }\n": typeof types.CalendarDay_PaydayOccurrenceFragmentDoc,
    "\n  query Dashboard {\n    forecast {\n      from\n      until\n      startingBalance\n      dueBeforeNextPayday\n      shortfallBeforeNextPayday\n      planDueNow\n      nextPayday\n      billsBeforeNextPayday {\n        ...BillOccurrenceItem\n      }\n      lowestBalance {\n        date\n        balance\n      }\n      balances {\n        date\n        balance\n      }\n      ...Headline_Forecast\n      periods {\n        start\n        end\n        ...Headline_Period\n        ...PeriodCard_Period\n      }\n    }\n    paydays {\n      id\n    }\n    bills {\n      id\n    }\n  }\n": typeof types.DashboardDocument,
    "\n  fragment Headline_Period on PayPeriod {\n    start\n    end\n    income\n    setAside\n    shortfall\n    bills {\n      ...BillOccurrenceItem\n    }\n    plan {\n      setAside\n      contributions {\n        ...EnvelopeList_Contribution\n      }\n    }\n  }\n": typeof types.Headline_PeriodFragmentDoc,
    "\n  fragment Headline_Forecast on Forecast {\n    startingBalance\n    dueBeforeNextPayday\n    shortfallBeforeNextPayday\n    nextPayday\n    billsBeforeNextPayday {\n      ...BillOccurrenceItem\n    }\n    balances {\n      date\n      balance\n    }\n  }\n": typeof types.Headline_ForecastFragmentDoc,
    "\n  query Forecast($from: Date, $until: Date, $startingBalance: Money) {\n    forecast(from: $from, until: $until, startingBalance: $startingBalance) {\n      from\n      until\n      startingBalance\n      dueBeforeNextPayday\n      shortfallBeforeNextPayday\n      nextPayday\n      totalIncome\n      totalBills\n      lowestBalance {\n        date\n        balance\n      }\n      balances {\n        date\n        balance\n      }\n      billsBeforeNextPayday {\n        ...BillOccurrenceItem\n      }\n      periods {\n        start\n        end\n        ...PeriodCard_Period\n      }\n      ...BalanceSeries_Forecast\n    }\n  }\n": typeof types.ForecastDocument,
    "\n  fragment BillOccurrenceItem on BillOccurrence {\n    date\n    amount\n    bill {\n      id\n      name\n      autopay\n      category\n      exceptions {\n        ...OccurrenceExceptionFields\n      }\n    }\n  }\n": typeof types.BillOccurrenceItemFragmentDoc,
    "\n  fragment EnvelopeList_Contribution on Contribution {\n    amount\n    reserved\n    bill {\n      id\n      name\n      amount\n      nextDue\n      exceptions {\n        ...OccurrenceExceptionFields\n      }\n    }\n  }\n": typeof types.EnvelopeList_ContributionFragmentDoc,
    "\n  fragment PeriodCard_Period on PayPeriod {\n    start\n    end\n    income\n    setAside\n    leftover\n    endingBalance\n    shortfall\n    paydays {\n      date\n      amount\n      payday {\n        id\n        name\n        exceptions {\n          ...OccurrenceExceptionFields\n        }\n      }\n    }\n    bills {\n      ...BillOccurrenceItem\n    }\n    plan {\n      setAside\n      safeToSpend\n      contributions {\n        ...EnvelopeList_Contribution\n      }\n    }\n  }\n": typeof types.PeriodCard_PeriodFragmentDoc,
    "\n  fragment BalanceSeries_Forecast on Forecast {\n    balances {\n      date\n      balance\n    }\n    lowestBalance {\n      date\n      balance\n    }\n    billsBeforeNextPayday {\n      date\n      amount\n      bill {\n        name\n      }\n    }\n    periods {\n      paydays {\n        date\n        amount\n        payday {\n          name\n        }\n      }\n      bills {\n        date\n        amount\n        bill {\n          name\n        }\n      }\n    }\n  }\n": typeof types.BalanceSeries_ForecastFragmentDoc,
    "\n  mutation ClearPaydayOccurrence($paydayId: ID!, $date: Date!) {\n    clearPaydayOccurrence(paydayId: $paydayId, date: $date) {\n      id\n      nextDate\n      exceptions {\n        ...OccurrenceExceptionFields\n      }\n    }\n  }\n": typeof types.ClearPaydayOccurrenceDocument,
    "\n  mutation CreatePayday($input: PaydayInput!) {\n    createPayday(input: $input) {\n      id\n      ...PaydayListItem_Payday\n    }\n  }\n": typeof types.CreatePaydayDocument,
    "\n  mutation DeletePayday($id: ID!) {\n    deletePayday(id: $id)\n  }\n": typeof types.DeletePaydayDocument,
    "\n  query Payday($id: ID!) {\n    payday(id: $id) {\n      id\n      name\n      ...PaydayForm_Payday\n    }\n  }\n": typeof types.PaydayDocument,
    "\n  query PaydayOccurrences($id: ID!, $from: Date!, $to: Date!) {\n    payday(id: $id) {\n      id\n      name\n      amount\n      occurrences(from: $from, to: $to)\n      exceptions {\n        ...OccurrenceExceptionFields\n      }\n    }\n  }\n": typeof types.PaydayOccurrencesDocument,
    "\n  query Paydays($includeArchived: Boolean! = false) {\n    paydays(includeArchived: $includeArchived) {\n      id\n      name\n      amount\n      nextDate\n      archived\n      ...PaydayListItem_Payday\n    }\n  }\n": typeof types.PaydaysDocument,
    "\n  mutation SetPaydayOccurrence($paydayId: ID!, $date: Date!, $change: OccurrenceChange!) {\n    setPaydayOccurrence(paydayId: $paydayId, date: $date, change: $change) {\n      id\n      nextDate\n      exceptions {\n        ...OccurrenceExceptionFields\n      }\n    }\n  }\n": typeof types.SetPaydayOccurrenceDocument,
    "\n  mutation UpdatePayday($id: ID!, $patch: PaydayPatch!) {\n    updatePayday(id: $id, patch: $patch) {\n      id\n      ...PaydayListItem_Payday\n      ...PaydayForm_Payday\n    }\n  }\n": typeof types.UpdatePaydayDocument,
    "\n  fragment PaydayForm_Payday on Payday {\n    id\n    name\n    amount\n    archived\n    schedule {\n      ...ScheduleFields\n    }\n  }\n": typeof types.PaydayForm_PaydayFragmentDoc,
    "\n  fragment PaydayListItem_Payday on Payday {\n    id\n    name\n    amount\n    archived\n    nextDate\n    schedule {\n      ...ScheduleFields\n    }\n  }\n": typeof types.PaydayListItem_PaydayFragmentDoc,
    "\n  mutation CreateCalendarFeed {\n    createCalendarFeed {\n      url\n      createdAt\n    }\n  }\n": typeof types.CreateCalendarFeedDocument,
    "\n  mutation DeleteCalendarFeed {\n    deleteCalendarFeed\n  }\n": typeof types.DeleteCalendarFeedDocument,
    "\n  query EstimatedBalance {\n    me {\n      id\n      estimatedBalance\n    }\n  }\n": typeof types.EstimatedBalanceDocument,
    "\n  mutation UpdateSettings($input: SettingsInput!) {\n    updateSettings(input: $input) {\n      id\n      email\n      currency\n      timezone\n      balance\n      balanceOn\n      planMode\n      holidays\n      createdAt\n      estimatedBalance\n    }\n  }\n": typeof types.UpdateSettingsDocument,
};
const documents: Documents = {
    "\n  fragment OccurrenceExceptionFields on OccurrenceException {\n    date\n    skip\n    amount\n    moveTo\n  }\n": types.OccurrenceExceptionFieldsFragmentDoc,
    "\n  query ScheduleHolidays($from: Date!, $to: Date!) {\n    holidays(from: $from, to: $to) {\n      date\n      name\n    }\n  }\n": types.ScheduleHolidaysDocument,
    "\n  fragment ScheduleFields on Schedule {\n    start\n    frequency\n    interval\n    daysOfMonth\n    until\n    count\n    weekend\n  }\n": types.ScheduleFieldsFragmentDoc,
    "\n  query Me {\n    me {\n      id\n      email\n      currency\n      timezone\n      balance\n      balanceOn\n      planMode\n      holidays\n      calendarFeed {\n        createdAt\n      }\n      createdAt\n    }\n  }\n": types.MeDocument,
    "\n  mutation SignIn($email: String!, $password: String!) {\n    signIn(email: $email, password: $password) {\n      user {\n        id\n        email\n      }\n    }\n  }\n": types.SignInDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": types.SignOutDocument,
    "\n  mutation SignUp($email: String!, $password: String!) {\n    signUp(email: $email, password: $password) {\n      user {\n        id\n        email\n      }\n    }\n  }\n": types.SignUpDocument,
    "\n  query Bill($id: ID!) {\n    bill(id: $id) {\n      id\n      name\n      ...BillForm_Bill\n    }\n  }\n": types.BillDocument,
    "\n  query BillOccurrences($id: ID!, $from: Date!, $to: Date!) {\n    bill(id: $id) {\n      id\n      name\n      amount\n      occurrences(from: $from, to: $to)\n      exceptions {\n        ...OccurrenceExceptionFields\n      }\n    }\n  }\n": types.BillOccurrencesDocument,
    "\n  query Bills($includeArchived: Boolean! = false) {\n    bills(includeArchived: $includeArchived) {\n      id\n      name\n      amount\n      nextDue\n      archived\n      ...BillListItem_Bill\n    }\n  }\n": types.BillsDocument,
    "\n  mutation ClearBillOccurrence($billId: ID!, $date: Date!) {\n    clearBillOccurrence(billId: $billId, date: $date) {\n      id\n      nextDue\n      exceptions {\n        ...OccurrenceExceptionFields\n      }\n    }\n  }\n": types.ClearBillOccurrenceDocument,
    "\n  mutation CreateBill($input: BillInput!) {\n    createBill(input: $input) {\n      id\n      ...BillListItem_Bill\n    }\n  }\n": types.CreateBillDocument,
    "\n  mutation DeleteBill($id: ID!) {\n    deleteBill(id: $id)\n  }\n": types.DeleteBillDocument,
    "\n  mutation SetBillOccurrence($billId: ID!, $date: Date!, $change: OccurrenceChange!) {\n    setBillOccurrence(billId: $billId, date: $date, change: $change) {\n      id\n      nextDue\n      exceptions {\n        ...OccurrenceExceptionFields\n      }\n    }\n  }\n": types.SetBillOccurrenceDocument,
    "\n  mutation UpdateBill($id: ID!, $patch: BillPatch!) {\n    updateBill(id: $id, patch: $patch) {\n      id\n      ...BillListItem_Bill\n      ...BillForm_Bill\n    }\n  }\n": types.UpdateBillDocument,
    "\n  fragment BillForm_Bill on Bill {\n    id\n    name\n    amount\n    category\n    autopay\n    notes\n    archived\n    reserved\n    reservedOn\n    schedule {\n      ...ScheduleFields\n    }\n  }\n": types.BillForm_BillFragmentDoc,
    "\n  fragment BillListItem_Bill on Bill {\n    id\n    name\n    amount\n    category\n    autopay\n    archived\n    nextDue\n    schedule {\n      ...ScheduleFields\n    }\n  }\n": types.BillListItem_BillFragmentDoc,
    "\n  query CalendarMonth($from: Date!, $until: Date!) {\n    forecast(from: $from, until: $until) {\n      from\n      until\n      startingBalance\n      balances {\n        date\n        balance\n      }\n      billsBeforeNextPayday {\n        ...CalendarDay_BillOccurrence\n      }\n      periods {\n        start\n        paydays {\n          ...CalendarDay_PaydayOccurrence\n        }\n        bills {\n          ...CalendarDay_BillOccurrence\n        }\n      }\n    }\n    holidays(from: $from, to: $until) {\n      date\n      name\n    }\n  }\n": types.CalendarMonthDocument,
    "\n  fragment CalendarDay_BillOccurrence on BillOccurrence {\n    date\n    amount\n    bill {\n      id\n      name\n      autopay\n    }\n  }\n": types.CalendarDay_BillOccurrenceFragmentDoc,
    "\n  fragment CalendarDay_PaydayOccurrence on PaydayOccurrence {\n    date\n    amount\n    payday {\n      id\n      name\n    }\n  }\n": types.CalendarDay_PaydayOccurrenceFragmentDoc,
    "\n  query Dashboard {\n    forecast {\n      from\n      until\n      startingBalance\n      dueBeforeNextPayday\n      shortfallBeforeNextPayday\n      planDueNow\n      nextPayday\n      billsBeforeNextPayday {\n        ...BillOccurrenceItem\n      }\n      lowestBalance {\n        date\n        balance\n      }\n      balances {\n        date\n        balance\n      }\n      ...Headline_Forecast\n      periods {\n        start\n        end\n        ...Headline_Period\n        ...PeriodCard_Period\n      }\n    }\n    paydays {\n      id\n    }\n    bills {\n      id\n    }\n  }\n": types.DashboardDocument,
    "\n  fragment Headline_Period on PayPeriod {\n    start\n    end\n    income\n    setAside\n    shortfall\n    bills {\n      ...BillOccurrenceItem\n    }\n    plan {\n      setAside\n      contributions {\n        ...EnvelopeList_Contribution\n      }\n    }\n  }\n": types.Headline_PeriodFragmentDoc,
    "\n  fragment Headline_Forecast on Forecast {\n    startingBalance\n    dueBeforeNextPayday\n    shortfallBeforeNextPayday\n    nextPayday\n    billsBeforeNextPayday {\n      ...BillOccurrenceItem\n    }\n    balances {\n      date\n      balance\n    }\n  }\n": types.Headline_ForecastFragmentDoc,
    "\n  query Forecast($from: Date, $until: Date, $startingBalance: Money) {\n    forecast(from: $from, until: $until, startingBalance: $startingBalance) {\n      from\n      until\n      startingBalance\n      dueBeforeNextPayday\n      shortfallBeforeNextPayday\n      nextPayday\n      totalIncome\n      totalBills\n      lowestBalance {\n        date\n        balance\n      }\n      balances {\n        date\n        balance\n      }\n      billsBeforeNextPayday {\n        ...BillOccurrenceItem\n      }\n      periods {\n        start\n        end\n        ...PeriodCard_Period\n      }\n      ...BalanceSeries_Forecast\n    }\n  }\n": types.ForecastDocument,
    "\n  fragment BillOccurrenceItem on BillOccurrence {\n    date\n    amount\n    bill {\n      id\n      name\n      autopay\n      category\n      exceptions {\n        ...OccurrenceExceptionFields\n      }\n    }\n  }\n": types.BillOccurrenceItemFragmentDoc,
    "\n  fragment EnvelopeList_Contribution on Contribution {\n    amount\n    reserved\n    bill {\n      id\n      name\n      amount\n      nextDue\n      exceptions {\n        ...OccurrenceExceptionFields\n      }\n    }\n  }\n": types.EnvelopeList_ContributionFragmentDoc,
    "\n  fragment PeriodCard_Period on PayPeriod {\n    start\n    end\n    income\n    setAside\n    leftover\n    endingBalance\n    shortfall\n    paydays {\n      date\n      amount\n      payday {\n        id\n        name\n        exceptions {\n          ...OccurrenceExceptionFields\n        }\n      }\n    }\n    bills {\n      ...BillOccurrenceItem\n    }\n    plan {\n      setAside\n      safeToSpend\n      contributions {\n        ...EnvelopeList_Contribution\n      }\n    }\n  }\n": types.PeriodCard_PeriodFragmentDoc,
    "\n  fragment BalanceSeries_Forecast on Forecast {\n    balances {\n      date\n      balance\n    }\n    lowestBalance {\n      date\n      balance\n    }\n    billsBeforeNextPayday {\n      date\n      amount\n      bill {\n        name\n      }\n    }\n    periods {\n      paydays {\n        date\n        amount\n        payday {\n          name\n        }\n      }\n      bills {\n        date\n        amount\n        bill {\n          name\n        }\n      }\n    }\n  }\n": types.BalanceSeries_ForecastFragmentDoc,
    "\n  mutation ClearPaydayOccurrence($paydayId: ID!, $date: Date!) {\n    clearPaydayOccurrence(paydayId: $paydayId, date: $date) {\n      id\n      nextDate\n      exceptions {\n        ...OccurrenceExceptionFields\n      }\n    }\n  }\n": types.ClearPaydayOccurrenceDocument,
    "\n  mutation CreatePayday($input: PaydayInput!) {\n    createPayday(input: $input) {\n      id\n      ...PaydayListItem_Payday\n    }\n  }\n": types.CreatePaydayDocument,
    "\n  mutation DeletePayday($id: ID!) {\n    deletePayday(id: $id)\n  }\n": types.DeletePaydayDocument,
    "\n  query Payday($id: ID!) {\n    payday(id: $id) {\n      id\n      name\n      ...PaydayForm_Payday\n    }\n  }\n": types.PaydayDocument,
    "\n  query PaydayOccurrences($id: ID!, $from: Date!, $to: Date!) {\n    payday(id: $id) {\n      id\n      name\n      amount\n      occurrences(from: $from, to: $to)\n      exceptions {\n        ...OccurrenceExceptionFields\n      }\n    }\n  }\n": types.PaydayOccurrencesDocument,
    "\n  query Paydays($includeArchived: Boolean! = false) {\n    paydays(includeArchived: $includeArchived) {\n      id\n      name\n      amount\n      nextDate\n      archived\n      ...PaydayListItem_Payday\n    }\n  }\n": types.PaydaysDocument,
    "\n  mutation SetPaydayOccurrence($paydayId: ID!, $date: Date!, $change: OccurrenceChange!) {\n    setPaydayOccurrence(paydayId: $paydayId, date: $date, change: $change) {\n      id\n      nextDate\n      exceptions {\n        ...OccurrenceExceptionFields\n      }\n    }\n  }\n": types.SetPaydayOccurrenceDocument,
    "\n  mutation UpdatePayday($id: ID!, $patch: PaydayPatch!) {\n    updatePayday(id: $id, patch: $patch) {\n      id\n      ...PaydayListItem_Payday\n      ...PaydayForm_Payday\n    }\n  }\n": types.UpdatePaydayDocument,
    "\n  fragment PaydayForm_Payday on Payday {\n    id\n    name\n    amount\n    archived\n    schedule {\n      ...ScheduleFields\n    }\n  }\n": types.PaydayForm_PaydayFragmentDoc,
    "\n  fragment PaydayListItem_Payday on Payday {\n    id\n    name\n    amount\n    archived\n    nextDate\n    schedule {\n      ...ScheduleFields\n    }\n  }\n": types.PaydayListItem_PaydayFragmentDoc,
    "\n  mutation CreateCalendarFeed {\n    createCalendarFeed {\n      url\n      createdAt\n    }\n  }\n": types.CreateCalendarFeedDocument,
    "\n  mutation DeleteCalendarFeed {\n    deleteCalendarFeed\n  }\n": types.DeleteCalendarFeedDocument,
    "\n  query EstimatedBalance {\n    me {\n      id\n      estimatedBalance\n    }\n  }\n": types.EstimatedBalanceDocument,
    "\n  mutation UpdateSettings($input: SettingsInput!) {\n    updateSettings(input: $input) {\n      id\n      email\n      currency\n      timezone\n      balance\n      balanceOn\n      planMode\n      holidays\n      createdAt\n      estimatedBalance\n    }\n  }\n": types.UpdateSettingsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OccurrenceExceptionFields on OccurrenceException {\n    date\n    skip\n    amount\n    moveTo\n  }\n"): (typeof documents)["\n  fragment OccurrenceExceptionFields on OccurrenceException {\n    date\n    skip\n    amount\n    moveTo\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScheduleHolidays($from: Date!, $to: Date!) {\n    holidays(from: $from, to: $to) {\n      date\n      name\n    }\n  }\n"): (typeof documents)["\n  query ScheduleHolidays($from: Date!, $to: Date!) {\n    holidays(from: $from, to: $to) {\n      date\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ScheduleFields on Schedule {\n    start\n    frequency\n    interval\n    daysOfMonth\n    until\n    count\n    weekend\n  }\n"): (typeof documents)["\n  fragment ScheduleFields on Schedule {\n    start\n    frequency\n    interval\n    daysOfMonth\n    until\n    count\n    weekend\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      email\n      currency\n      timezone\n      balance\n      balanceOn\n      planMode\n      holidays\n      calendarFeed {\n        createdAt\n      }\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      id\n      email\n      currency\n      timezone\n      balance\n      balanceOn\n      planMode\n      holidays\n      calendarFeed {\n        createdAt\n      }\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($email: String!, $password: String!) {\n    signIn(email: $email, password: $password) {\n      user {\n        id\n        email\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignIn($email: String!, $password: String!) {\n    signIn(email: $email, password: $password) {\n      user {\n        id\n        email\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut {\n    signOut\n  }\n"): (typeof documents)["\n  mutation SignOut {\n    signOut\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignUp($email: String!, $password: String!) {\n    signUp(email: $email, password: $password) {\n      user {\n        id\n        email\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignUp($email: String!, $password: String!) {\n    signUp(email: $email, password: $password) {\n      user {\n        id\n        email\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Bill($id: ID!) {\n    bill(id: $id) {\n      id\n      name\n      ...BillForm_Bill\n    }\n  }\n"): (typeof documents)["\n  query Bill($id: ID!) {\n    bill(id: $id) {\n      id\n      name\n      ...BillForm_Bill\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BillOccurrences($id: ID!, $from: Date!, $to: Date!) {\n    bill(id: $id) {\n      id\n      name\n      amount\n      occurrences(from: $from, to: $to)\n      exceptions {\n        ...OccurrenceExceptionFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query BillOccurrences($id: ID!, $from: Date!, $to: Date!) {\n    bill(id: $id) {\n      id\n      name\n      amount\n      occurrences(from: $from, to: $to)\n      exceptions {\n        ...OccurrenceExceptionFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Bills($includeArchived: Boolean! = false) {\n    bills(includeArchived: $includeArchived) {\n      id\n      name\n      amount\n      nextDue\n      archived\n      ...BillListItem_Bill\n    }\n  }\n"): (typeof documents)["\n  query Bills($includeArchived: Boolean! = false) {\n    bills(includeArchived: $includeArchived) {\n      id\n      name\n      amount\n      nextDue\n      archived\n      ...BillListItem_Bill\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ClearBillOccurrence($billId: ID!, $date: Date!) {\n    clearBillOccurrence(billId: $billId, date: $date) {\n      id\n      nextDue\n      exceptions {\n        ...OccurrenceExceptionFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ClearBillOccurrence($billId: ID!, $date: Date!) {\n    clearBillOccurrence(billId: $billId, date: $date) {\n      id\n      nextDue\n      exceptions {\n        ...OccurrenceExceptionFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateBill($input: BillInput!) {\n    createBill(input: $input) {\n      id\n      ...BillListItem_Bill\n    }\n  }\n"): (typeof documents)["\n  mutation CreateBill($input: BillInput!) {\n    createBill(input: $input) {\n      id\n      ...BillListItem_Bill\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteBill($id: ID!) {\n    deleteBill(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteBill($id: ID!) {\n    deleteBill(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetBillOccurrence($billId: ID!, $date: Date!, $change: OccurrenceChange!) {\n    setBillOccurrence(billId: $billId, date: $date, change: $change) {\n      id\n      nextDue\n      exceptions {\n        ...OccurrenceExceptionFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetBillOccurrence($billId: ID!, $date: Date!, $change: OccurrenceChange!) {\n    setBillOccurrence(billId: $billId, date: $date, change: $change) {\n      id\n      nextDue\n      exceptions {\n        ...OccurrenceExceptionFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateBill($id: ID!, $patch: BillPatch!) {\n    updateBill(id: $id, patch: $patch) {\n      id\n      ...BillListItem_Bill\n      ...BillForm_Bill\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateBill($id: ID!, $patch: BillPatch!) {\n    updateBill(id: $id, patch: $patch) {\n      id\n      ...BillListItem_Bill\n      ...BillForm_Bill\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BillForm_Bill on Bill {\n    id\n    name\n    amount\n    category\n    autopay\n    notes\n    archived\n    reserved\n    reservedOn\n    schedule {\n      ...ScheduleFields\n    }\n  }\n"): (typeof documents)["\n  fragment BillForm_Bill on Bill {\n    id\n    name\n    amount\n    category\n    autopay\n    notes\n    archived\n    reserved\n    reservedOn\n    schedule {\n      ...ScheduleFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BillListItem_Bill on Bill {\n    id\n    name\n    amount\n    category\n    autopay\n    archived\n    nextDue\n    schedule {\n      ...ScheduleFields\n    }\n  }\n"): (typeof documents)["\n  fragment BillListItem_Bill on Bill {\n    id\n    name\n    amount\n    category\n    autopay\n    archived\n    nextDue\n    schedule {\n      ...ScheduleFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CalendarMonth($from: Date!, $until: Date!) {\n    forecast(from: $from, until: $until) {\n      from\n      until\n      startingBalance\n      balances {\n        date\n        balance\n      }\n      billsBeforeNextPayday {\n        ...CalendarDay_BillOccurrence\n      }\n      periods {\n        start\n        paydays {\n          ...CalendarDay_PaydayOccurrence\n        }\n        bills {\n          ...CalendarDay_BillOccurrence\n        }\n      }\n    }\n    holidays(from: $from, to: $until) {\n      date\n      name\n    }\n  }\n"): (typeof documents)["\n  query CalendarMonth($from: Date!, $until: Date!) {\n    forecast(from: $from, until: $until) {\n      from\n      until\n      startingBalance\n      balances {\n        date\n        balance\n      }\n      billsBeforeNextPayday {\n        ...CalendarDay_BillOccurrence\n      }\n      periods {\n        start\n        paydays {\n          ...CalendarDay_PaydayOccurrence\n        }\n        bills {\n          ...CalendarDay_BillOccurrence\n        }\n      }\n    }\n    holidays(from: $from, to: $until) {\n      date\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CalendarDay_BillOccurrence on BillOccurrence {\n    date\n    amount\n    bill {\n      id\n      name\n      autopay\n    }\n  }\n"): (typeof documents)["\n  fragment CalendarDay_BillOccurrence on BillOccurrence {\n    date\n    amount\n    bill {\n      id\n      name\n      autopay\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CalendarDay_PaydayOccurrence on PaydayOccurrence {\n    date\n    amount\n    payday {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment CalendarDay_PaydayOccurrence on PaydayOccurrence {\n    date\n    amount\n    payday {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Dashboard {\n    forecast {\n      from\n      until\n      startingBalance\n      dueBeforeNextPayday\n      shortfallBeforeNextPayday\n      planDueNow\n      nextPayday\n      billsBeforeNextPayday {\n        ...BillOccurrenceItem\n      }\n      lowestBalance {\n        date\n        balance\n      }\n      balances {\n        date\n        balance\n      }\n      ...Headline_Forecast\n      periods {\n        start\n        end\n        ...Headline_Period\n        ...PeriodCard_Period\n      }\n    }\n    paydays {\n      id\n    }\n    bills {\n      id\n    }\n  }\n"): (typeof documents)["\n  query Dashboard {\n    forecast {\n      from\n      until\n      startingBalance\n      dueBeforeNextPayday\n      shortfallBeforeNextPayday\n      planDueNow\n      nextPayday\n      billsBeforeNextPayday {\n        ...BillOccurrenceItem\n      }\n      lowestBalance {\n        date\n        balance\n      }\n      balances {\n        date\n        balance\n      }\n      ...Headline_Forecast\n      periods {\n        start\n        end\n        ...Headline_Period\n        ...PeriodCard_Period\n      }\n    }\n    paydays {\n      id\n    }\n    bills {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment Headline_Period on PayPeriod {\n    start\n    end\n    income\n    setAside\n    shortfall\n    bills {\n      ...BillOccurrenceItem\n    }\n    plan {\n      setAside\n      contributions {\n        ...EnvelopeList_Contribution\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment Headline_Period on PayPeriod {\n    start\n    end\n    income\n    setAside\n    shortfall\n    bills {\n      ...BillOccurrenceItem\n    }\n    plan {\n      setAside\n      contributions {\n        ...EnvelopeList_Contribution\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment Headline_Forecast on Forecast {\n    startingBalance\n    dueBeforeNextPayday\n    shortfallBeforeNextPayday\n    nextPayday\n    billsBeforeNextPayday {\n      ...BillOccurrenceItem\n    }\n    balances {\n      date\n      balance\n    }\n  }\n"): (typeof documents)["\n  fragment Headline_Forecast on Forecast {\n    startingBalance\n    dueBeforeNextPayday\n    shortfallBeforeNextPayday\n    nextPayday\n    billsBeforeNextPayday {\n      ...BillOccurrenceItem\n    }\n    balances {\n      date\n      balance\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Forecast($from: Date, $until: Date, $startingBalance: Money) {\n    forecast(from: $from, until: $until, startingBalance: $startingBalance) {\n      from\n      until\n      startingBalance\n      dueBeforeNextPayday\n      shortfallBeforeNextPayday\n      nextPayday\n      totalIncome\n      totalBills\n      lowestBalance {\n        date\n        balance\n      }\n      balances {\n        date\n        balance\n      }\n      billsBeforeNextPayday {\n        ...BillOccurrenceItem\n      }\n      periods {\n        start\n        end\n        ...PeriodCard_Period\n      }\n      ...BalanceSeries_Forecast\n    }\n  }\n"): (typeof documents)["\n  query Forecast($from: Date, $until: Date, $startingBalance: Money) {\n    forecast(from: $from, until: $until, startingBalance: $startingBalance) {\n      from\n      until\n      startingBalance\n      dueBeforeNextPayday\n      shortfallBeforeNextPayday\n      nextPayday\n      totalIncome\n      totalBills\n      lowestBalance {\n        date\n        balance\n      }\n      balances {\n        date\n        balance\n      }\n      billsBeforeNextPayday {\n        ...BillOccurrenceItem\n      }\n      periods {\n        start\n        end\n        ...PeriodCard_Period\n      }\n      ...BalanceSeries_Forecast\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BillOccurrenceItem on BillOccurrence {\n    date\n    amount\n    bill {\n      id\n      name\n      autopay\n      category\n      exceptions {\n        ...OccurrenceExceptionFields\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment BillOccurrenceItem on BillOccurrence {\n    date\n    amount\n    bill {\n      id\n      name\n      autopay\n      category\n      exceptions {\n        ...OccurrenceExceptionFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EnvelopeList_Contribution on Contribution {\n    amount\n    reserved\n    bill {\n      id\n      name\n      amount\n      nextDue\n      exceptions {\n        ...OccurrenceExceptionFields\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment EnvelopeList_Contribution on Contribution {\n    amount\n    reserved\n    bill {\n      id\n      name\n      amount\n      nextDue\n      exceptions {\n        ...OccurrenceExceptionFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PeriodCard_Period on PayPeriod {\n    start\n    end\n    income\n    setAside\n    leftover\n    endingBalance\n    shortfall\n    paydays {\n      date\n      amount\n      payday {\n        id\n        name\n        exceptions {\n          ...OccurrenceExceptionFields\n        }\n      }\n    }\n    bills {\n      ...BillOccurrenceItem\n    }\n    plan {\n      setAside\n      safeToSpend\n      contributions {\n        ...EnvelopeList_Contribution\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment PeriodCard_Period on PayPeriod {\n    start\n    end\n    income\n    setAside\n    leftover\n    endingBalance\n    shortfall\n    paydays {\n      date\n      amount\n      payday {\n        id\n        name\n        exceptions {\n          ...OccurrenceExceptionFields\n        }\n      }\n    }\n    bills {\n      ...BillOccurrenceItem\n    }\n    plan {\n      setAside\n      safeToSpend\n      contributions {\n        ...EnvelopeList_Contribution\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BalanceSeries_Forecast on Forecast {\n    balances {\n      date\n      balance\n    }\n    lowestBalance {\n      date\n      balance\n    }\n    billsBeforeNextPayday {\n      date\n      amount\n      bill {\n        name\n      }\n    }\n    periods {\n      paydays {\n        date\n        amount\n        payday {\n          name\n        }\n      }\n      bills {\n        date\n        amount\n        bill {\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment BalanceSeries_Forecast on Forecast {\n    balances {\n      date\n      balance\n    }\n    lowestBalance {\n      date\n      balance\n    }\n    billsBeforeNextPayday {\n      date\n      amount\n      bill {\n        name\n      }\n    }\n    periods {\n      paydays {\n        date\n        amount\n        payday {\n          name\n        }\n      }\n      bills {\n        date\n        amount\n        bill {\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ClearPaydayOccurrence($paydayId: ID!, $date: Date!) {\n    clearPaydayOccurrence(paydayId: $paydayId, date: $date) {\n      id\n      nextDate\n      exceptions {\n        ...OccurrenceExceptionFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ClearPaydayOccurrence($paydayId: ID!, $date: Date!) {\n    clearPaydayOccurrence(paydayId: $paydayId, date: $date) {\n      id\n      nextDate\n      exceptions {\n        ...OccurrenceExceptionFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreatePayday($input: PaydayInput!) {\n    createPayday(input: $input) {\n      id\n      ...PaydayListItem_Payday\n    }\n  }\n"): (typeof documents)["\n  mutation CreatePayday($input: PaydayInput!) {\n    createPayday(input: $input) {\n      id\n      ...PaydayListItem_Payday\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeletePayday($id: ID!) {\n    deletePayday(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeletePayday($id: ID!) {\n    deletePayday(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Payday($id: ID!) {\n    payday(id: $id) {\n      id\n      name\n      ...PaydayForm_Payday\n    }\n  }\n"): (typeof documents)["\n  query Payday($id: ID!) {\n    payday(id: $id) {\n      id\n      name\n      ...PaydayForm_Payday\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PaydayOccurrences($id: ID!, $from: Date!, $to: Date!) {\n    payday(id: $id) {\n      id\n      name\n      amount\n      occurrences(from: $from, to: $to)\n      exceptions {\n        ...OccurrenceExceptionFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query PaydayOccurrences($id: ID!, $from: Date!, $to: Date!) {\n    payday(id: $id) {\n      id\n      name\n      amount\n      occurrences(from: $from, to: $to)\n      exceptions {\n        ...OccurrenceExceptionFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Paydays($includeArchived: Boolean! = false) {\n    paydays(includeArchived: $includeArchived) {\n      id\n      name\n      amount\n      nextDate\n      archived\n      ...PaydayListItem_Payday\n    }\n  }\n"): (typeof documents)["\n  query Paydays($includeArchived: Boolean! = false) {\n    paydays(includeArchived: $includeArchived) {\n      id\n      name\n      amount\n      nextDate\n      archived\n      ...PaydayListItem_Payday\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetPaydayOccurrence($paydayId: ID!, $date: Date!, $change: OccurrenceChange!) {\n    setPaydayOccurrence(paydayId: $paydayId, date: $date, change: $change) {\n      id\n      nextDate\n      exceptions {\n        ...OccurrenceExceptionFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetPaydayOccurrence($paydayId: ID!, $date: Date!, $change: OccurrenceChange!) {\n    setPaydayOccurrence(paydayId: $paydayId, date: $date, change: $change) {\n      id\n      nextDate\n      exceptions {\n        ...OccurrenceExceptionFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdatePayday($id: ID!, $patch: PaydayPatch!) {\n    updatePayday(id: $id, patch: $patch) {\n      id\n      ...PaydayListItem_Payday\n      ...PaydayForm_Payday\n    }\n  }\n"): (typeof documents)["\n  mutation UpdatePayday($id: ID!, $patch: PaydayPatch!) {\n    updatePayday(id: $id, patch: $patch) {\n      id\n      ...PaydayListItem_Payday\n      ...PaydayForm_Payday\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PaydayForm_Payday on Payday {\n    id\n    name\n    amount\n    archived\n    schedule {\n      ...ScheduleFields\n    }\n  }\n"): (typeof documents)["\n  fragment PaydayForm_Payday on Payday {\n    id\n    name\n    amount\n    archived\n    schedule {\n      ...ScheduleFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PaydayListItem_Payday on Payday {\n    id\n    name\n    amount\n    archived\n    nextDate\n    schedule {\n      ...ScheduleFields\n    }\n  }\n"): (typeof documents)["\n  fragment PaydayListItem_Payday on Payday {\n    id\n    name\n    amount\n    archived\n    nextDate\n    schedule {\n      ...ScheduleFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCalendarFeed {\n    createCalendarFeed {\n      url\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  mutation CreateCalendarFeed {\n    createCalendarFeed {\n      url\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteCalendarFeed {\n    deleteCalendarFeed\n  }\n"): (typeof documents)["\n  mutation DeleteCalendarFeed {\n    deleteCalendarFeed\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EstimatedBalance {\n    me {\n      id\n      estimatedBalance\n    }\n  }\n"): (typeof documents)["\n  query EstimatedBalance {\n    me {\n      id\n      estimatedBalance\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateSettings($input: SettingsInput!) {\n    updateSettings(input: $input) {\n      id\n      email\n      currency\n      timezone\n      balance\n      balanceOn\n      planMode\n      holidays\n      createdAt\n      estimatedBalance\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateSettings($input: SettingsInput!) {\n    updateSettings(input: $input) {\n      id\n      email\n      currency\n      timezone\n      balance\n      balanceOn\n      planMode\n      holidays\n      createdAt\n      estimatedBalance\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;