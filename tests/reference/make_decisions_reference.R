#!/usr/bin/env Rscript
# Reference values for the decisions tests: random effects over periods, the verdict's
# prediction bounds, funnel plots and the Benjamini-Hochberg adjustment.
#
#   Rscript tests/reference/make_decisions_reference.R > tests/data/decisions_reference.json
#
# Random effects come from metafor's rma(method = "DL") (Debian r-cran-metafor); the
# prediction interval and bound are Higgins, Thompson & Spiegelhalter's (2009) formula with
# R's qt, written here apart from the C++. Funnel limits follow Spiegelhalter (2005) written
# directly in R (no funnel package is in Debian), with R's own quantile(type = 7). BH is
# p.adjust(p, "BH").
suppressPackageStartupMessages({
  library(metafor)
  library(jsonlite)
})

random_effects_case <- function(name, y, se, level) {
  fit <- rma(yi = y, sei = se, method = "DL", level = 100 * level)
  k <- length(y)
  spread <- qt((1 + level) / 2, k - 2) * sqrt(fit$tau2 + fit$se^2)
  bound90 <- as.numeric(fit$b) - qt(0.9, k - 2) * sqrt(fit$tau2 + fit$se^2)
  list(name = name, estimates = y, standard_errors = se, level = level,
       mean = as.numeric(fit$b), standard_error = fit$se, tau2 = fit$tau2, q = fit$QE,
       ci = c(fit$ci.lb, fit$ci.ub),
       prediction = c(as.numeric(fit$b) - spread, as.numeric(fit$b) + spread),
       bound90 = bound90)
}

set.seed(20261202)
weekly_se <- round(runif(12, 4.5, 7.5), 3)
random_effects <- list(
  random_effects_case("four periods (the contract's example)", c(30, 35, 38, 33), c(5, 6, 5, 7), 0.95),
  random_effects_case("homogeneous: tau2 truncated at 0", c(30, 30.5, 29.8, 30.2, 30.1), c(3, 3.5, 2.8, 4, 3.1), 0.95),
  random_effects_case("three periods at 90%", c(12, 25, 18), c(2, 3, 2.5), 0.90),
  random_effects_case("twelve weeks of NPS", round(rnorm(12, 35, 8), 2), weekly_se, 0.95),
  random_effects_case("heterogeneous margins", c(10, -20, 12, 9, 11, -18, 10, 8), c(5.7, 6.4, 5.5, 5.9, 5.8, 6.3, 5.6, 6.0), 0.99)
)

# The verdict without standard errors: a new period's observed margin (Geisser's t
# prediction bound) and the mean margin's t interval (t.test).
observed_case <- function(name, scores, baseline, share, level) {
  m <- scores - baseline
  k <- length(m)
  tt <- t.test(m, conf.level = level)
  list(name = name, scores = scores, baseline = baseline, share = share, level = level,
       mean_lower = tt$conf.int[1],
       bound = mean(m) - qt(share, k - 1) * sd(m) * sqrt(1 + 1 / k))
}
observed <- list(
  observed_case("steady above", c(52, 55, 51, 54, 53, 56, 52, 55, 53, 54), 50, 0.9, 0.95),
  observed_case("drifting up", c(49, 50, 51, 52, 53, 54, 55, 56), 48, 0.9, 0.95),
  observed_case("mixed at 80%", c(60, 40, 62, 45, 61, 47, 63, 60), 50, 0.8, 0.9)
)

funnel_case <- function(name, y, s, target, level, winsorize) {
  z <- (y - target) / s
  q <- quantile(z, c(winsorize, 1 - winsorize), type = 7, names = FALSE)
  zw <- pmin(pmax(z, q[1]), q[2])
  phi <- mean(zw^2)
  w <- 1 / s^2
  I <- length(y)
  tau2 <- max(0, (I * phi - (I - 1)) / (sum(w) - sum(w^2) / sum(w)))
  za <- qnorm((1 + level) / 2)
  one <- function(spread) {
    zz <- (y - target) / spread
    list(z = zz, lower = target - za * spread, upper = target + za * spread, outside = abs(zz) > za)
  }
  list(name = name, values = y, standard_errors = s, target = target, level = level,
       winsorize = winsorize, phi = phi, tau2 = tau2,
       none = one(s), multiplicative = one(sqrt(max(phi, 1)) * s), additive = one(sqrt(s^2 + tau2)))
}
n_agents <- c(35, 60, 120, 44, 80, 200, 15, 95, 150, 70, 55, 30, 110, 65, 40, 90, 130, 25, 75, 100)
true_nps <- rnorm(length(n_agents), 20, 12)
nps_values <- round(true_nps + rnorm(length(n_agents), 0, 80 / sqrt(n_agents)), 2)
nps_se <- round(100 * sqrt((0.45 + 0.25 - 0.2^2) / n_agents), 4)
funnels <- list(
  funnel_case("twenty agents' NPS, overdispersed", nps_values, nps_se, 20, 0.998, 0.1),
  funnel_case("twenty agents at 95%, no winsorizing", nps_values, nps_se, 20, 0.95, 0),
  funnel_case("the contract's example", c(30, 35, 38, 33), c(5, 6, 5, 7), 30, 0.998, 0.1),
  funnel_case("under-dispersed", c(0.50, 0.52, 0.49, 0.51, 0.50, 0.48),
              c(0.05, 0.04, 0.06, 0.05, 0.03, 0.05), 0.5, 0.95, 0.1)
)

bh_case <- function(p) list(p = p, adjusted = p.adjust(p, "BH"))
bh <- list(
  bh_case(c(0.01, 0.04, 0.03)),
  bh_case(c(0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216, 0.222,
            0.251, 0.269, 0.275, 0.34, 0.341, 0.384, 0.569, 0.594, 0.696, 0.762, 0.94, 0.942,
            0.975, 0.986)),
  bh_case(c(0.02, 0.02, 0.02, 0.5, 0, 1)),
  bh_case(c(0.9)),
  bh_case(round(runif(40)^3, 6))
)

cat(toJSON(list(generated_by = paste("make_decisions_reference.R;", R.version.string, "; metafor",
                                     as.character(packageVersion("metafor"))),
                random_effects = random_effects, observed = observed, funnels = funnels, bh = bh),
           digits = NA, auto_unbox = TRUE, pretty = TRUE))
cat("\n")
