# The expected values of tst_runstatistics.cpp and tst_ranksumdistribution.cpp, computed with R
# (4.2.2) from SPEC §5.2's words. Not run by the tests: run `Rscript tests/services/tst_runstatistics.R`
# to see where a constant came from. Every number is printed with 17 significant digits.
options(digits = 17, warn = 1)
f <- function(x) if (length(x) == 0 || is.na(x)) "none" else sprintf("%.17g", x)

# The generated samples: base + scale × ((i × mult) mod mod) for i = 0 … count − 1 (distinct
# values when mod is a prime ≥ count; integer scales keep a sample's fractional part).
seqr <- function(count, base, scale, mult, mod) base + scale * ((0:(count - 1) * mult) %% mod)

# The pairs (b_i, a_j) with b_i > 0, sorted by a/b, and the middle one(s).
pairs_by <- function(b, a, key) {
  p <- expand.grid(i = seq_along(b), j = seq_along(a))
  p <- data.frame(b = b[p$i], a = a[p$j])
  p$r <- key(p$b, p$a)
  p[order(p$r), ]
}
# SPEC §3.2 for one pair, as services/improvement.cpp writes it.
pair_pct <- function(b, a) (b - a) * 100 / b

# r̃: the median of a_j / b_i over pairs with b_i > 0; even count: geometric mean of the two middle
# ratios, 0 when one of them is 0.
ratio_median <- function(b, a) {
  r <- sort(as.vector(outer(b[b > 0], a, function(bi, aj) aj / bi)))
  N <- length(r)
  if (N == 0) return(NA)
  if (N %% 2 == 1) return(r[(N + 1) / 2])
  lo <- r[N / 2]; hi <- r[N / 2 + 1]
  if (lo == 0 || hi == 0) 0 else sqrt(lo * hi)
}
# duration_improvement_pct = (1 − r̃) × 100; when r̃ is one pair's ratio (odd count, equal middle
# ratios, or 0) that pair's §3.2 value, which (1 − a/b) × 100 can miss in the last bit.
pct <- function(b, a) {
  p <- pairs_by(b[b > 0], a, function(b, a) a / b)
  N <- nrow(p)
  if (N == 0) return(NA)
  lo <- p[(N + 1) %/% 2, ]; hi <- p[N %/% 2 + 1, ]
  if (lo$r == hi$r || lo$r == 0) return(pair_pct(lo$b, lo$a))
  (1 - ratio_median(b, a)) * 100
}

positive <- function(x) x[x > 0]
exact_case <- function(b, a) {
  b <- positive(b); a <- positive(a); r <- c(b, a)
  length(b) < 50 && length(a) < 50 && length(unique(r)) == length(r)
}
enough <- function(b, a) choose(length(positive(b)) + length(positive(a)), length(positive(b))) > 40
p_value <- function(b, a) if (enough(b, a)) suppressWarnings(wilcox.test(positive(b), positive(a))$p.value) else NA

# The speed-up interval [s(k), s(nm+1−k)] of SPEC §5.2 and its ends as improvements, from the pairs.
interval_k <- function(n, m, exact) {
  if (exact) max(1, qwilcox(0.025, n, m)) else max(1, floor(n * m / 2 - 1.959964 * sqrt(n * m * (n + m + 1) / 12)))
}
ci_pct <- function(b, a) {
  if (!enough(b, a)) return(c(NA, NA))
  exact <- exact_case(b, a); b <- positive(b); a <- positive(a)
  n <- length(b); m <- length(a); k <- interval_k(n, m, exact)
  p <- pairs_by(b, a, function(b, a) b / a)
  s <- c(p$r[k], p$r[n * m + 1 - k])
  if (exact) { # R's own exact interval, on logs, is the same speed-up interval
    r <- exp(wilcox.test(log(b), log(a), conf.int = TRUE)$conf.int)
    stopifnot(all(abs(r - s) <= 1e-12 * s))
  }
  stopifnot(all(abs(100 * (1 - 1 / s) - pair_pct(p$b, p$a)[c(k, n * m + 1 - k)]) <= 1e-9))
  pair_pct(p$b, p$a)[c(k, n * m + 1 - k)]
}
verdict <- function(b, a) {
  if (!enough(b, a)) return("insufficient_runs")
  ci <- ci_pct(b, a)
  if (ci[1] > 0) "improved" else if (ci[2] < 0) "regressed" else "no_change"
}

show <- function(name, b, a) {
  ci <- ci_pct(b, a)
  cat(sprintf("%s\n  median %s %s | pct %s | p %s | ci %s %s | %s | exact %s | W %s\n", name,
              f(median(b)), f(median(a)), f(pct(b, a)), f(p_value(b, a)), f(ci[1]), f(ci[2]),
              verdict(b, a), exact_case(b, a),
              if (enough(b, a)) f(suppressWarnings(wilcox.test(positive(b), positive(a)))$statistic) else "-"))
}

show("one run each", c(1000), c(700))
show("one run each, regression", c(800), c(1000))
show("one run each, before 0", c(0), c(5))
show("one run each, after 0", c(250), c(0))
show("3 vs 3", c(1000, 1100, 1200), c(500, 550, 600))
show("4 vs 4", c(1000, 1100, 1200, 1300), c(500, 550, 600, 650))
show("2 vs 7", c(1000, 1010), c(500, 510, 520, 530, 540, 550, 560))
show("2 vs 8", c(1000, 1010), c(500, 510, 520, 530, 540, 550, 560, 570))
show("1 vs 39", c(1000), seqr(39, 500.5, 3, 1, 41))
show("1 vs 40", c(1000), seqr(40, 500.5, 3, 1, 41))
show("exact no change", c(100, 120, 130, 150, 170), c(110, 125, 140, 160))
show("exact regression", c(500, 520, 540, 560, 580), c(700, 720, 750, 800, 810))
show("exact p capped", c(1, 4, 5, 8), c(2, 3, 6, 7))
show("whole seconds, ties", c(3000, 2000, 3000, 4000, 2000, 3000), c(1000, 2000, 1000, 2000, 1000))
show("equal samples", c(100, 200, 300, 400, 500), c(500, 400, 300, 200, 100))
show("zero runs dropped", c(0, 1000, 1100, 1200, 1300, 1400), c(0, 0, 500, 520, 540, 560))
show("all after 0", c(100, 200, 300), c(0, 0, 0))
show("49 x 49 exact", seqr(49, 1000.25, 7, 17, 53), seqr(49, 800.5, 6, 23, 59))
show("49 x 5 exact", seqr(49, 1000.25, 7, 17, 53), seqr(5, 700.5, 20, 3, 7))
show("50 x 5 normal", seqr(50, 1000.25, 7, 17, 53), seqr(5, 700.5, 20, 3, 7))
show("5 x 50 normal regression", seqr(5, 700.5, 20, 3, 7), seqr(50, 1000.25, 7, 17, 53))
show("3 vs 400", seqr(3, 2000.25, 100, 1, 3), seqr(400, 1500.5, 2, 37, 401))
show("60 x 60 whole seconds", seqr(60, 2000, 1000, 7, 5), seqr(60, 1000, 1000, 3, 4))
show("even: geometric mean", c(100, 200), c(50, 150))
show("even: middle 0", c(100, 200), c(0, 100))
show("odd: one pair", c(1000, 900, 1100), c(700))
show("before 0 among several", c(0, 400), c(100))
show("sub-ms", c(0.35, 0.41, 0.38, 0.44, 0.39), c(0.21, 0.19, 0.25, 0.22, 0.2))
show("12 vs 10 improved", seqr(12, 4000.25, 150, 5, 13), seqr(10, 3000.5, 130, 3, 11))
show("ties inside exact sizes", c(1000, 1000, 1200, 1300, 1500), c(900, 1000, 1100, 950))
show("all equal", c(1000, 1000, 1000, 1000), c(1000, 1000, 1000, 1000))

cat("\n# median\n")
for (x in list(c(5), c(3, 1, 2), c(4, 1, 3, 2), c(0.5, 0.25), c(1000, 0, 0, 2000, 3000, 0), c(0.1, 0.2)))
  cat(deparse(x), f(median(x)), "\n")

cat("\n# r~ (ratio_median)\n")
for (x in list(list(c(100, 200), c(50, 150)), list(c(100, 200), c(0, 100)), list(c(0, 400), c(100)),
               list(c(0, 0), c(5, 6)), list(c(300), c(100, 200, 400)), list(c(3, 7), c(1, 2, 5)),
               list(c(1000, 1500), c(0, 0, 800))))
  cat(deparse(x[[1]]), deparse(x[[2]]), f(ratio_median(x[[1]], x[[2]])), f(pct(x[[1]], x[[2]])), "\n")

cat("\n# choose(n+m, n) > 40\n")
for (nm in list(c(1, 1), c(3, 3), c(4, 4), c(2, 7), c(2, 8), c(1, 39), c(1, 40), c(0, 500), c(5, 0), c(500, 500)))
  cat(nm, choose(nm[1] + nm[2], nm[1]), choose(nm[1] + nm[2], nm[1]) > 40, "\n")

cat("\n# dwilcox counts\n")
for (nm in list(c(1, 1), c(2, 3), c(3, 2), c(4, 4), c(3, 5)))
  cat(nm, ":", dwilcox(0:(nm[1] * nm[2]), nm[1], nm[2]) * choose(nm[1] + nm[2], nm[1]), "\n")

cat("\n# pwilcox\n")
for (q in list(c(0, 49, 49), c(1, 49, 49), c(600, 49, 49), c(1000, 49, 49), c(1200, 49, 49), c(1800, 49, 49),
               c(2300, 49, 49), c(2400, 49, 49), c(3, 4, 4), c(7, 4, 4), c(100, 20, 30), c(10, 49, 1)))
  cat(q, f(pwilcox(q[1], q[2], q[3])), f(pwilcox(q[1] - 1, q[2], q[3], lower.tail = FALSE)),
      f(dwilcox(q[1], q[2], q[3])), "\n")

cat("\n# qwilcox(0.025, n, m), n, m = 1 … 49: rows n\n")
for (n in 1:49) cat(paste(sapply(1:49, function(m) qwilcox(0.025, n, m)), collapse = ", "), ",\n", sep = "")
