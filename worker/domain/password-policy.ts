import { PASSWORD_MAX_LENGTH } from "./password.ts";

/**
 * Rules for a new password, after NIST SP 800-63B: length over composition rules, and no password that
 * is trivially guessable from the account or from the lists attackers try first.
 */
export const NEW_PASSWORD_MIN_LENGTH = 10;

export type PasswordProblem = "too_short" | "too_long" | "contains_email" | "too_common" | "repetitive";

const COMMON = new Set([
  "1234567890",
  "12345678910",
  "0123456789",
  "1qaz2wsx3edc",
  "qwertyuiop",
  "password123",
  "passw0rd123",
  "admin12345",
  "a123456789",
  "woaini1314",
  "iloveyou123",
  "abc1234567",
  "qwerty123456",
  "wenming123",
  "wenmingban",
]);

export function passwordProblems(password: string, email?: string | null): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const chars = [...password];
  if (chars.length < NEW_PASSWORD_MIN_LENGTH) problems.push("too_short");
  if (chars.length > PASSWORD_MAX_LENGTH) problems.push("too_long");
  const local = email?.split("@")[0]?.toLowerCase();
  if (local && local.length >= 3 && password.toLowerCase().includes(local)) problems.push("contains_email");
  if (COMMON.has(password.toLowerCase())) problems.push("too_common");
  if (new Set(chars).size <= 2) problems.push("repetitive");
  return problems;
}

/** Human wording of each problem, for the `fields` of a validation error. */
export const PASSWORD_PROBLEM_TEXT: Record<PasswordProblem, string> = {
  too_short: `密码至少 ${NEW_PASSWORD_MIN_LENGTH} 个字符 / at least ${NEW_PASSWORD_MIN_LENGTH} characters`,
  too_long: `密码最多 ${PASSWORD_MAX_LENGTH} 个字符 / at most ${PASSWORD_MAX_LENGTH} characters`,
  contains_email: "密码不能包含邮箱用户名 / must not contain the email name",
  too_common: "密码过于常见 / too common",
  repetitive: "密码字符过于单一 / too repetitive",
};
