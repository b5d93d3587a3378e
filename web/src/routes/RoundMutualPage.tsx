// 互评: the round's mutual items, peer assignment and the peers' points per unit.
export function RoundMutualPage() {
  return null;
}
