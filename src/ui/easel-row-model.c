/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-row-model"

#include "config.h"

#include "easel-row-model.h"

struct _EaselRow
{
  GObject parent_instance;
  guint   index;
};

struct _EaselRowModel
{
  GObject     parent_instance;

  /* Owned */
  EaselTable *table;
  guint       n_items;
};

enum {
  ROW_PROP_0,
  ROW_PROP_INDEX,
  ROW_N_PROPS
};

enum {
  MODEL_PROP_0,
  MODEL_PROP_N_ITEMS,
  MODEL_N_PROPS
};

static GParamSpec *row_properties[ROW_N_PROPS];
static GParamSpec *model_properties[MODEL_N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE (EaselRow, easel_row, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE_WITH_CODE (EaselRowModel, easel_row_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* EaselRow */

static void
easel_row_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  EaselRow *self = EASEL_ROW (object);

  switch (prop_id)
    {
    case ROW_PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_row_class_init (EaselRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = easel_row_get_property;

  row_properties[ROW_PROP_INDEX] =
    g_param_spec_uint ("index", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ROW_N_PROPS, row_properties);
}

static void
easel_row_init (EaselRow *self)
{
}

guint
easel_row_get_index (EaselRow *row)
{
  g_return_val_if_fail (EASEL_IS_ROW (row), 0);

  return row->index;
}

/* EaselRowModel */

static GType
easel_row_model_get_item_type (GListModel *model)
{
  return EASEL_TYPE_ROW;
}

static guint
easel_row_model_get_n_items (GListModel *model)
{
  return EASEL_ROW_MODEL (model)->n_items;
}

static gpointer
easel_row_model_get_item (GListModel *model,
                          guint       position)
{
  EaselRowModel *self = EASEL_ROW_MODEL (model);
  EaselRow *row;

  if (position >= self->n_items)
    return NULL;

  row = g_object_new (EASEL_TYPE_ROW, NULL);
  row->index = position;

  return row;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = easel_row_model_get_item_type;
  iface->get_n_items = easel_row_model_get_n_items;
  iface->get_item = easel_row_model_get_item;
}

static void
easel_row_model_finalize (GObject *object)
{
  EaselRowModel *self = EASEL_ROW_MODEL (object);

  g_clear_pointer (&self->table, easel_table_unref);

  G_OBJECT_CLASS (easel_row_model_parent_class)->finalize (object);
}

static void
easel_row_model_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  EaselRowModel *self = EASEL_ROW_MODEL (object);

  switch (prop_id)
    {
    case MODEL_PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_row_model_class_init (EaselRowModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = easel_row_model_finalize;
  object_class->get_property = easel_row_model_get_property;

  model_properties[MODEL_PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, MODEL_N_PROPS, model_properties);
}

static void
easel_row_model_init (EaselRowModel *self)
{
}

EaselRowModel *
easel_row_model_new (EaselTable *table)
{
  EaselRowModel *self = g_object_new (EASEL_TYPE_ROW_MODEL, NULL);

  easel_row_model_set_table (self, table);

  return self;
}

EaselTable *
easel_row_model_get_table (EaselRowModel *self)
{
  g_return_val_if_fail (EASEL_IS_ROW_MODEL (self), NULL);

  return self->table;
}

void
easel_row_model_set_table (EaselRowModel *self,
                           EaselTable    *table)
{
  guint old_n;
  gsize n_rows;

  g_return_if_fail (EASEL_IS_ROW_MODEL (self));

  if (table == self->table)
    return;

  old_n = self->n_items;
  g_clear_pointer (&self->table, easel_table_unref);

  /* A GListModel counts in guint; a table longer than that shows its first G_MAXUINT rows. */
  n_rows = table != NULL ? easel_table_get_n_rows (table) : 0;
  self->table = table != NULL ? easel_table_ref (table) : NULL;
  self->n_items = (guint) MIN (n_rows, (gsize) G_MAXUINT);

  if (old_n != 0 || self->n_items != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_items);
  if (old_n != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), model_properties[MODEL_PROP_N_ITEMS]);
}
