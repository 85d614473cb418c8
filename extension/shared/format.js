// Number formats shared by the popover and the popup.

/** A share as a whole percentage; a sliver above zero reads "<1%", not "0%". */
export function percent(share) {
  if (share > 0 && share < 0.005) return "<1%";
  return `${Math.round(share * 100)}%`;
}

/** A tone score with its sign, a true minus sign for negatives: "+0.51", "−0.12". */
export function signed(value) {
  const fixed = Math.abs(value).toFixed(2);
  return value > 0 ? `+${fixed}` : value < 0 ? `−${fixed}` : fixed;
}
