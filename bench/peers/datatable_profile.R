# SPDX-License-Identifier: GPL-3.0-or-later
# data.table peer for the profile benchmark.
#   Rscript datatable_profile.R FILE fread|full THREADS
# fread: read the file only. full: read, then for every numeric column the count of
# non-missing values, mean, sd (n - 1), min, quantiles .25/.5/.75 (type 7, numpy's
# linear interpolation), max; for every column uniqueN and the missing count.
# Prints 'work_seconds S' (time after library() loading) on stdout.
suppressPackageStartupMessages(library(data.table))
args <- commandArgs(trailingOnly = TRUE)
path <- args[1]
mode <- if (length(args) >= 2) args[2] else "full"
threads <- if (length(args) >= 3) as.integer(args[3]) else 2L
setDTthreads(threads)
t0 <- proc.time()[["elapsed"]]
d <- fread(path, na.strings = c("", "NA", "N/A", "NaN", "null", "NULL", "?"))
if (mode == "full") {
  num <- names(d)[vapply(d, is.numeric, logical(1))]
  stats <- lapply(num, function(col) {
    x <- d[[col]]
    q <- quantile(x, c(0.25, 0.5, 0.75), na.rm = TRUE, names = FALSE, type = 7)
    c(count = sum(!is.na(x)), mean = mean(x, na.rm = TRUE), sd = sd(x, na.rm = TRUE),
      min = min(x, na.rm = TRUE), p25 = q[1], median = q[2], p75 = q[3],
      max = max(x, na.rm = TRUE))
  })
  distinct <- vapply(d, function(x) uniqueN(x, na.rm = TRUE), integer(1))
  missing <- vapply(d, function(x) sum(is.na(x)), integer(1))
  stopifnot(length(stats) == length(num), length(distinct) == ncol(d))
}
cat(sprintf("work_seconds %.6f\n", proc.time()[["elapsed"]] - t0))
