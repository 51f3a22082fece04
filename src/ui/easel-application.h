/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define EASEL_TYPE_APPLICATION (easel_application_get_type ())
G_DECLARE_FINAL_TYPE (EaselApplication, easel_application, EASEL, APPLICATION, AdwApplication)

EaselApplication *easel_application_new (void);

/* Registers Easel's resources (templates, style, shortcuts); call before making widgets.
 * The application does it at startup; tests that make widgets alone call it themselves. */
void              easel_ui_init         (void);

G_END_DECLS
