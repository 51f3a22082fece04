/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Days since 1970-01-01 in the proleptic Gregorian calendar, and back. */
gint64 easel_days_from_civil (int year, int month, int day);
void   easel_civil_from_days (gint64 days, int *year, int *month, int *day);

G_END_DECLS
