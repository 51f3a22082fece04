/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-test"

#include "config.h"

#include <gio/gio.h>

#include "easel-row-model.h"

typedef struct
{
  guint n_calls;
  guint position;
  guint removed;
  guint added;
  guint n_items;   /* what the model reported while announcing the change */
} ItemsChanged;

static void
items_changed_cb (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *record)
{
  record->n_calls++;
  record->n_items = g_list_model_get_n_items (model);
  record->position = position;
  record->removed = removed;
  record->added = added;
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *n_notify)
{
  (*n_notify)++;
}

static EaselTable *
make_table (gsize n_rows)
{
  EaselTable *table = easel_table_new ();
  double *values = g_new (double, MAX (n_rows, 1));

  for (gsize i = 0; i < n_rows; i++)
    values[i] = (double) i * 0.5;
  easel_table_add_column (table, easel_column_new_numeric ("x", n_rows, values, NULL));

  return table;
}

static void
assert_row (GListModel *model,
            guint       position)
{
  g_autoptr(EaselRow) row = g_list_model_get_item (model, position);

  g_assert_nonnull (row);
  g_assert_true (EASEL_IS_ROW (row));
  g_assert_cmpuint (easel_row_get_index (row), ==, position);
}

static void
test_empty (void)
{
  g_autoptr(EaselRowModel) model = easel_row_model_new (NULL);

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == EASEL_TYPE_ROW);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 0));
  g_assert_null (easel_row_model_get_table (model));
}

static void
test_items (void)
{
  g_autoptr(EaselTable) table = make_table (3);
  EaselRowModel *model = easel_row_model_new (table);
  EaselRow *first;
  EaselRow *again;
  guint index;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  g_assert_true (easel_row_model_get_table (model) == table);
  for (guint i = 0; i < 3; i++)
    assert_row (G_LIST_MODEL (model), i);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 3));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), G_MAXUINT));

  /* Items are made on demand and not kept: asking twice gives two objects, and dropping
   * them frees them. */
  first = g_list_model_get_item (G_LIST_MODEL (model), 1);
  again = g_list_model_get_item (G_LIST_MODEL (model), 1);
  g_assert_true (first != again);
  g_object_get (first, "index", &index, NULL);
  g_assert_cmpuint (index, ==, 1);
  g_assert_finalize_object (first);
  g_assert_finalize_object (again);

  g_assert_finalize_object (model);
}

static void
test_replace_table (void)
{
  g_autoptr(EaselTable) three = make_table (3);
  g_autoptr(EaselTable) five = make_table (5);
  g_autoptr(EaselTable) other_five = make_table (5);
  EaselRowModel *model = easel_row_model_new (NULL);
  ItemsChanged record = { 0 };
  guint n_notify = 0;

  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &record);
  g_signal_connect (model, "notify::n-items", G_CALLBACK (count_notify_cb), &n_notify);

  easel_row_model_set_table (model, three);
  g_assert_cmpuint (record.n_calls, ==, 1);
  g_assert_cmpuint (record.position, ==, 0);
  g_assert_cmpuint (record.removed, ==, 0);
  g_assert_cmpuint (record.added, ==, 3);
  g_assert_cmpuint (n_notify, ==, 1);

  easel_row_model_set_table (model, five);
  g_assert_cmpuint (record.n_calls, ==, 2);
  g_assert_cmpuint (record.removed, ==, 3);
  g_assert_cmpuint (record.added, ==, 5);
  /* the model already counts the new rows when it announces them */
  g_assert_cmpuint (record.n_items, ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 5);
  assert_row (G_LIST_MODEL (model), 4);
  g_assert_cmpuint (n_notify, ==, 2);

  /* The same table again changes nothing */
  easel_row_model_set_table (model, five);
  g_assert_cmpuint (record.n_calls, ==, 2);

  /* Another table of the same size: every row is new, the count is not */
  easel_row_model_set_table (model, other_five);
  g_assert_cmpuint (record.n_calls, ==, 3);
  g_assert_cmpuint (record.removed, ==, 5);
  g_assert_cmpuint (record.added, ==, 5);
  g_assert_cmpuint (n_notify, ==, 2);

  easel_row_model_set_table (model, NULL);
  g_assert_cmpuint (record.n_calls, ==, 4);
  g_assert_cmpuint (record.removed, ==, 5);
  g_assert_cmpuint (record.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_null (easel_row_model_get_table (model));

  g_assert_finalize_object (model);
}

/* Ten million rows cost the model nothing: no item exists until asked for. */
static void
test_many_rows (void)
{
  const gsize n_rows = 10000000;
  g_autoptr(EaselTable) table = make_table (n_rows);
  g_autoptr(EaselRowModel) model = easel_row_model_new (table);
  gint64 start = g_get_monotonic_time ();

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n_rows);
  assert_row (G_LIST_MODEL (model), 0);
  assert_row (G_LIST_MODEL (model), (guint) n_rows / 2);
  assert_row (G_LIST_MODEL (model), (guint) n_rows - 1);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), (guint) n_rows));

  /* A screenful of rows anywhere is instant */
  for (guint i = 0; i < 100; i++)
    assert_row (G_LIST_MODEL (model), (guint) (n_rows - 100 + i));
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/row-model/empty", test_empty);
  g_test_add_func ("/ui/row-model/items", test_items);
  g_test_add_func ("/ui/row-model/replace-table", test_replace_table);
  g_test_add_func ("/ui/row-model/many-rows", test_many_rows);

  return g_test_run ();
}
