// Student t quantile, written here so the CLI bundle does not carry a statistics library for one
// function. The CDF comes from the regularized incomplete beta function,
//   P(|T| <= t) = I_y(1/2, df/2),  P(T > t) = I_x(df/2, 1/2) / 2,  x = df/(df+t²), y = 1 - x,
// and the quantile is found by a safeguarded Newton iteration on s = ln t.

const HALF_LN_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/**
 * The value t with P(T <= t) = p for a Student t variable with `degreesOfFreedom` (any positive
 * real). NaN for p outside [0, 1] or a degrees of freedom that is not a positive finite number.
 */
export function studentTQuantile(p: number, degreesOfFreedom: number): number {
  const df = degreesOfFreedom;
  if (!(p >= 0 && p <= 1) || !(df > 0) || !Number.isFinite(df)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  // Solve for the upper tail q < 1/2 and reflect: the distribution is symmetric. For p >= 1/4 both
  // 1 - p and 1 - 2q are exact in binary floating point, so no probability is lost to rounding.
  const tail = p < 0.5 ? p : 1 - p;
  const central = p < 0.5 ? 1 - 2 * p : 2 * p - 1;
  const t = Math.exp(solveLogQuantile(tail, central, df));
  return p < 0.5 ? -t : t;
}

/** ln t for the t > 0 whose upper tail is `tail` (and central mass `central` = 1 - 2 tail). */
function solveLogQuantile(tail: number, central: number, df: number): number {
  const a = df / 2;
  const lnB = lnBeta(a, 0.5);
  // Match the tail probability in the tails and the central mass near the centre: each is known to
  // full relative precision where it is used, and on a log scale each is close to linear in ln t
  // there (power-law tail, linear centre), so Newton converges in a few steps.
  const matchTail = tail < 0.25;
  const lnTarget = Math.log(matchTail ? tail : central);
  // Bracket from two bounds that hold for every t > 0, because the density is below both its
  // value at 0 and its large-t power law: central < 2 f(0) t, and tail < df^(df/2-1) t^(-df) / B.
  let lo = Math.log(central) + 0.5 * Math.log(df) + lnB - Math.LN2;
  let hi = 0.5 * Math.log(df) - (Math.log(tail) + Math.log(df) + lnB) / df;
  // Widen by a rounding margin so the root is inside even when a bound is nearly tight (df = 1).
  lo -= 1e-12 * Math.max(1, Math.abs(lo));
  hi += 1e-12 * Math.max(1, Math.abs(hi));
  // Start in the tail near the normal bound √(-2 ln q): from there the heavy-tailed and the
  // near-normal cases both converge in a few steps.
  let s = matchTail ? Math.max(lo, Math.min(hi, 0.5 * Math.log(-2 * Math.log(tail)))) : lo;
  for (let iteration = 0; iteration < 200; iteration++) {
    const { lower, upper, density } = tDistributionAtLog(s, df, a, lnB);
    // g is increasing in s for both forms; density is t f(t), the derivative of P(T <= t) in ln t.
    const g = matchTail ? lnTarget - Math.log(lower / 2) : Math.log(upper) - lnTarget;
    const slope = matchTail ? (2 * density) / lower : (2 * density) / upper;
    if (g === 0) return s;
    if (g < 0) lo = s;
    else hi = s;
    // s is ln t, so a step in s is a relative change of t.
    const tolerance = 1e-15 * Math.max(1, Math.abs(s));
    const step = g / slope;
    if (Math.abs(step) <= tolerance) return s - step;
    // Fall back to bisection whenever Newton leaves the bracket or meets an underflowed value.
    s = s - step > lo && s - step < hi ? s - step : (lo + hi) / 2;
    if (hi - lo <= tolerance) return s;
  }
  return s;
}

/**
 * For t = e^s: lower = I_x(df/2, 1/2) = 2 P(T > t), upper = I_y(1/2, df/2) = P(|T| <= t) and
 * density = t f(t). Works from ln(t/√df) so that t² never overflows for huge quantiles.
 */
function tDistributionAtLog(s: number, df: number, a: number, lnB: number) {
  const lnR = s - 0.5 * Math.log(df);
  let x: number, y: number, lnX: number, lnY: number;
  if (lnR > 0) {
    const u = Math.exp(-2 * lnR); // 1/r², small
    x = u / (1 + u);
    y = 1 / (1 + u);
    lnY = -Math.log1p(u);
    lnX = -2 * lnR + lnY;
  } else {
    const v = Math.exp(2 * lnR); // r², at most 1
    x = 1 / (1 + v);
    y = v / (1 + v);
    lnX = -Math.log1p(v);
    lnY = 2 * lnR + lnX;
  }
  // x^a y^(1/2) / B(a, 1/2) is both the incomplete-beta prefactor and t f(t).
  const density = Math.exp(a * lnX + 0.5 * lnY - lnB);
  // The continued fraction converges fast only below the mean of Beta(a, b); above it, evaluate
  // the complement instead. The value computed directly is the smaller one, so the other, got by
  // subtraction from 1, loses no relative precision worth mentioning.
  if (x < (a + 1) / (a + 2.5)) {
    const lower = (density / a) * betaContinuedFraction(a, 0.5, x, y);
    return { lower, upper: 1 - lower, density };
  }
  const upper = (density / 0.5) * betaContinuedFraction(0.5, a, y, x);
  return { lower: 1 - upper, upper, density };
}

/**
 * The continued fraction of I_x(a, b) = x^a y^b / (a B(a, b)) · 1/(1+ d1/(1+ d2/(1+ ...))), y = 1 - x,
 * evaluated forwards by the modified Lentz method (no need to choose a depth in advance).
 *
 * It is used in its even contraction, 1/(1+d1 - d1 d2/(1+d2+d3 - d3 d4/(1+d4+d5 - ...))), so
 * that each denominator 1 + d_2m + d_2m+1 can be formed without cancellation. The d_j are x times
 * terms close to -1 when a is large, so near x = 1 (a t quantile of moderate size at large df)
 * the sums are tiny differences that lose about a·ε of relative precision when formed from x;
 * there they are expanded as a polynomial in y instead, whose coefficients are all positive.
 */
function betaContinuedFraction(a: number, b: number, x: number, y: number): number {
  const tiny = 1e-300; // stands in for a zero denominator, which Lentz cannot divide by
  const guard = (value: number) => (Math.abs(value) < tiny ? tiny : value);
  const nearOne = x > 0.5;
  let f = guard(nearOne ? (1 - b + (a + b) * y) / (a + 1) : 1 - ((a + b) * x) / (a + 1)); // 1 + d1
  let c = f;
  let d = 0;
  for (let m = 1; m < 100000; m++) {
    const numerator = ((a + m - 1) * (a + b + m - 1) * m * (b - m) * x * x) / ((a + 2 * m - 2) * (a + 2 * m - 1) * (a + 2 * m - 1) * (a + 2 * m));
    const denominator = nearOne
      ? (a * (2 * m + 1 - b) + b + 2 * m * m - 1 + y * (a * (a + b + 2 * m - 1) - b + 2 * m * m)) / ((a + 2 * m - 1) * (a + 2 * m + 1))
      : 1 + x * ((m * (b - m)) / ((a + 2 * m - 1) * (a + 2 * m)) - ((a + m) * (a + b + m)) / ((a + 2 * m) * (a + 2 * m + 1)));
    d = 1 / guard(denominator + numerator * d);
    c = guard(denominator + numerator / c);
    const delta = c * d;
    f *= delta;
    // A few ulps, not one: delta can settle at 1 - ε, and multiplying by it forever drifts f.
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return 1 / f;
}

/** ln B(a, b), arranged so that a large a with a small b does not cancel two huge ln Γ values. */
function lnBeta(a: number, b: number): number {
  const big = Math.max(a, b);
  const small = Math.min(a, b);
  if (big < 10) return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
  // ln Γ(big) - ln Γ(big+small) from the Stirling series, with the leading terms combined into
  // log1p so that the O(big ln big) parts cancel exactly instead of numerically.
  const sum = big + small;
  const ratio = -(big - 0.5) * Math.log1p(small / big) - small * Math.log(sum) + small + stirlingTail(big) - stirlingTail(sum);
  return lnGamma(small) + ratio;
}

/** ln Γ(z) for z > 0: Stirling's series at z >= 10, reached from below by Γ(z+1) = z Γ(z). */
function lnGamma(z: number): number {
  let shift = 1;
  while (z < 10) {
    shift *= z;
    z += 1;
  }
  return (z - 0.5) * Math.log(z) - z + HALF_LN_TWO_PI + stirlingTail(z) - Math.log(shift);
}

/** Σ B_2k / (2k (2k-1) z^(2k-1)) for k = 1..7; at z >= 10 the next term is below 1e-16. */
function stirlingTail(z: number): number {
  const w = 1 / (z * z);
  return (1 / 12 + w * (-1 / 360 + w * (1 / 1260 + w * (-1 / 1680 + w * (1 / 1188 + w * (-691 / 360360 + w / 156)))))) / z;
}
