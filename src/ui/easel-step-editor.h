/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "easel-recipe.h"

G_BEGIN_DECLS

/* The form of one step: a row per parameter, made from the step's parameter specs (column
 * pickers, choices, switches, entries; a formula entry that points at the parser's error).
 * Edits are not applied to the step: each emits "param-changed" with the parameter's name
 * and its new value as JSON (NULL to unset it), for the page to record as an undoable edit. */
#define EASEL_TYPE_STEP_EDITOR (easel_step_editor_get_type ())
G_DECLARE_FINAL_TYPE (EaselStepEditor, easel_step_editor, EASEL, STEP_EDITOR, GtkWidget)

GtkWidget  *easel_step_editor_new              (void);
/* Builds the form for 'step' (copied), the 'index'th of the recipe; 'columns' are the
 * columns the step can use (the table as it reaches the step). NULL step: no form. */
void        easel_step_editor_set_step         (EaselStepEditor   *self,
                                                const EaselStep   *step,
                                                guint              index,
                                                const char *const *columns);
/* The row that edits a parameter, or NULL. */
GtkWidget  *easel_step_editor_get_row          (EaselStepEditor   *self,
                                                const char        *param);
/* The parse error shown under the formula entry, or NULL. */
const char *easel_step_editor_get_formula_error (EaselStepEditor  *self);

/* Helpers shared with the page */

/* The title of a parameter for people ("add_indicator" → "Add indicator"). */
char       *easel_step_param_title             (const char        *name);

G_END_DECLS
