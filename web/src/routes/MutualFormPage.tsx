// 互评: the unit scores the peers assigned to it.
export function MutualFormPage() {
  return null;
}
