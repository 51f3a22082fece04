/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define EASEL_ERROR (easel_error_quark ())

/* Codes name the cause; the message names the place (file, line, column, parameter). */
typedef enum
{
  EASEL_ERROR_FAILED,
  EASEL_ERROR_IO,                /* the file cannot be opened or read */
  EASEL_ERROR_EMPTY,             /* no data where data was expected */
  EASEL_ERROR_PARSE,             /* malformed input: a line that cannot be read */
  EASEL_ERROR_ENCODING,          /* text that is not in the expected encoding */
  EASEL_ERROR_BINARY,            /* the file is not text */
  EASEL_ERROR_NOT_FOUND,         /* a column, table or key that does not exist */
  EASEL_ERROR_INVALID_ARGUMENT,  /* a parameter with a wrong value */
  EASEL_ERROR_TYPE,              /* a value that cannot be read as the wanted type */
  EASEL_ERROR_TOO_LARGE,         /* beyond a documented limit */
  EASEL_ERROR_CORRUPT,           /* stored data that fails its checks */
  EASEL_ERROR_VERSION,           /* made by a newer Easel */
  EASEL_ERROR_NOT_PROJECT,       /* a file that is not an Easel project */
  EASEL_ERROR_LOCKED,            /* a project already open in another Easel */
} EaselErrorCode;

GQuark easel_error_quark (void);

G_END_DECLS
