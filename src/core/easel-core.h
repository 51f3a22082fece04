/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The Easel engine. No GTK here: the core builds without it, and the GTK app and
 * easel-cli are two front ends over it. */

#include "easel-error.h"
#include "easel-progress.h"
#include "easel-table.h"
#include "easel-csv.h"
#include "easel-sqlite-import.h"
#include "easel-profile.h"
#include "easel-correlate.h"
#include "easel-insights.h"
#include "easel-project.h"
#include "easel-formula.h"
#include "easel-recipe.h"
#include "easel-rng.h"
#include "easel-design.h"
#include "easel-eval.h"
#include "easel-model.h"
#include "easel-unsupervised.h"
#include "easel-card.h"
