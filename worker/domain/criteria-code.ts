/** What criteria codes and veto-rule ids may look like: the schema and the SPA's editor check the same. */
export const CRITERIA_CODE = /^[A-Za-z0-9][A-Za-z0-9.\-_]{0,19}$/;
