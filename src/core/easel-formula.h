/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "easel-table.h"

G_BEGIN_DECLS

/* Formulas: an expression over the columns of a table, evaluated a column at a time.
 *
 *   price * quantity            log(`Lot Area`)          if(age >= 18, "adult", "minor")
 *   (a - b) ^ 2 / 2             lower(colour) == "red" and not is_missing(score)
 *
 * Operators, loosest first: or; and; not; comparisons (== != < <= > >=, not chained);
 * + -; * /; unary - +; ^ (right-associative, so -2^2 is -4 and 2^3^2 is 512).
 * Operands: numbers (1, 2.5, 1e-3), strings ("..." or '...', with \" \' \\ \n \t), true,
 * false, column names (in backticks when they are not plain identifiers, `` for a
 * backtick), calls and parentheses. Keywords and function names ignore case.
 *
 * Functions: log exp sqrt abs floor ceil round(x [, digits]) min(x, ...) max(x, ...)
 * if(condition, then, else) lower upper length contains(text, part) is_missing(x).
 *
 * Types: numeric and datetime columns are numbers (datetimes in seconds since 1970; a
 * string compared with a datetime column is read as an ISO 8601 date), boolean columns are
 * booleans (1 and 0 in arithmetic), categorical and text columns are strings ("+" joins
 * strings). The result is a numeric, boolean, or text/categorical column.
 *
 * Missing values: arithmetic, functions and comparisons with a missing value give a missing
 * value; and/or follow three-valued logic (false and missing = false, true or missing =
 * true); min/max skip missing values; is_missing is never missing. x/0 is ±inf for x ≠ 0 and
 * every NaN (0/0, log(-1), sqrt(-1)) is missing, as in pandas.
 *
 * Error positions are 1-based character offsets into the expression. */

typedef struct _EaselFormula EaselFormula;

/* Parse; on a syntax error, '*error_position' (if not NULL) gets the position at fault. */
EaselFormula       *easel_formula_parse       (const char          *expression,
                                               guint               *error_position,
                                               GError             **error);
void                easel_formula_free        (EaselFormula        *formula);
const char         *easel_formula_get_text    (const EaselFormula  *formula);
/* The distinct column names the formula refers to, NULL-terminated. */
const char *const  *easel_formula_get_columns (const EaselFormula  *formula);

/* Evaluate over 'columns' (all with 'n_rows' rows); a name not among them is an error that
 * gives its position, as are type errors ("price" + 1). */
EaselColumn        *easel_formula_evaluate    (const EaselFormula  *formula,
                                               EaselColumn *const  *columns,
                                               guint                n_columns,
                                               gsize                n_rows,
                                               const char          *name,
                                               guint               *error_position,
                                               GCancellable        *cancellable,
                                               GError             **error);
/* The same over the columns of a table. */
EaselColumn        *easel_formula_evaluate_table (const EaselFormula *formula,
                                                  EaselTable         *table,
                                                  const char         *name,
                                                  guint              *error_position,
                                                  GCancellable       *cancellable,
                                                  GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselFormula, easel_formula_free)

G_END_DECLS
