/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "easel-model.h"

G_BEGIN_DECLS

/* The hyper-parameters of one algorithm as a form made from its parameter specs: a spin
 * button per number (stepping by decades on a log scale; "none" for a zero that means no
 * limit), a text field per list of whole numbers ("64,32"), a drop-down per choice, each
 * row explaining its parameter in a sentence, and a button that puts the defaults back. A
 * value the algorithm does not accept marks its row and gives the error; "changed" is
 * emitted after every change. */
#define EASEL_TYPE_PARAM_FORM (easel_param_form_get_type ())
G_DECLARE_FINAL_TYPE (EaselParamForm, easel_param_form, EASEL, PARAM_FORM, GtkWidget)

GtkWidget            *easel_param_form_new           (void);
/* Rebuilds the form at the algorithm's defaults (NULL: empty). */
void                  easel_param_form_set_algorithm (EaselParamForm       *self,
                                                      const EaselAlgorithm *algorithm);
const EaselAlgorithm *easel_param_form_get_algorithm (EaselParamForm       *self);
/* The values shown; the last accepted value of a parameter in error. NULL without an
 * algorithm. */
const EaselParams    *easel_param_form_get_params    (EaselParamForm       *self);
/* The first parameter's error as a sentence, or NULL when every value is accepted. */
const char           *easel_param_form_get_error     (EaselParamForm       *self);
void                  easel_param_form_reset         (EaselParamForm       *self);
/* Types 'text' into the parameter's field (or picks the choice), as a person would. FALSE
 * if there is no such parameter or choice. */
gboolean              easel_param_form_set_text      (EaselParamForm       *self,
                                                      const char           *name,
                                                      const char           *text);
/* The field of a parameter (a GtkSpinButton, a GtkEntry for a list of whole numbers, or
 * an AdwComboRow), or NULL. */
GtkWidget            *easel_param_form_get_field     (EaselParamForm       *self,
                                                      const char           *name);

G_END_DECLS
