/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

/* Formulas in three stages: a Pratt parser builds a syntax tree; binding it to columns
 * checks names and types and compiles it to a list of instructions over registers; the
 * instructions run over blocks of rows (a register holds one block), blocks in parallel.
 * No cell ever walks the tree. */

#include <math.h>
#include <string.h>

#include "easel-csv.h"
#include "easel-dict.h"
#include "easel-error.h"
#include "easel-formula.h"
#include "easel-infer.h"

#define BLOCK 2048

/* Syntax tree */

typedef enum
{
  N_NUMBER, N_STRING, N_BOOL, N_COLUMN, N_CALL,
  N_NEG, N_NOT,
  N_ADD, N_SUB, N_MUL, N_DIV, N_POW,
  N_EQ, N_NE, N_LT, N_LE, N_GT, N_GE,
  N_AND, N_OR,
} NodeKind;

typedef enum
{
  F_LOG, F_EXP, F_SQRT, F_ABS, F_FLOOR, F_CEIL, F_ROUND, F_MIN, F_MAX, F_IF,
  F_LOWER, F_UPPER, F_LENGTH, F_CONTAINS, F_IS_MISSING,
} Func;

static const struct
{
  const char *name;
  guint       min_args;
  guint       max_args;
} funcs[] = {
  [F_LOG] = { "log", 1, 1 },
  [F_EXP] = { "exp", 1, 1 },
  [F_SQRT] = { "sqrt", 1, 1 },
  [F_ABS] = { "abs", 1, 1 },
  [F_FLOOR] = { "floor", 1, 1 },
  [F_CEIL] = { "ceil", 1, 1 },
  [F_ROUND] = { "round", 1, 2 },
  [F_MIN] = { "min", 1, G_MAXUINT },
  [F_MAX] = { "max", 1, G_MAXUINT },
  [F_IF] = { "if", 3, 3 },
  [F_LOWER] = { "lower", 1, 1 },
  [F_UPPER] = { "upper", 1, 1 },
  [F_LENGTH] = { "length", 1, 1 },
  [F_CONTAINS] = { "contains", 2, 2 },
  [F_IS_MISSING] = { "is_missing", 1, 1 },
};

typedef struct _Node Node;
struct _Node
{
  NodeKind  kind;
  gsize     pos;      /* byte offset of the token that made the node */
  double    number;
  char     *string;   /* N_STRING value, N_COLUMN name */
  Func      func;
  Node    **args;     /* operands or call arguments */
  guint     n_args;
};

struct _EaselFormula
{
  char       *text;
  Node       *root;
  GPtrArray  *columns;   /* distinct names, NULL-terminated */
};

static void
node_free (Node *node)
{
  if (node == NULL)
    return;
  for (guint i = 0; i < node->n_args; i++)
    node_free (node->args[i]);
  g_free (node->args);
  g_free (node->string);
  g_free (node);
}

static Node *
node_new (NodeKind kind,
          gsize    pos)
{
  Node *node = g_new0 (Node, 1);

  node->kind = kind;
  node->pos = pos;
  return node;
}

static Node *
node_new_binary (NodeKind kind,
                 gsize    pos,
                 Node    *a,
                 Node    *b)
{
  Node *node = node_new (kind, pos);

  node->n_args = b != NULL ? 2 : 1;
  node->args = g_new (Node *, node->n_args);
  node->args[0] = a;
  if (b != NULL)
    node->args[1] = b;
  return node;
}

/* Positions */

static guint
char_position (const char *text,
               gsize       byte_offset)
{
  gsize len = strlen (text);

  if (byte_offset > len)
    byte_offset = len;
  /* Invalid UTF-8 counts a byte as a character: positions still point near the fault. */
  if (!g_utf8_validate (text, byte_offset, NULL))
    return (guint) byte_offset + 1;
  return (guint) g_utf8_pointer_to_offset (text, text + byte_offset) + 1;
}

static void
set_position_error (GError     **error,
                    guint       *error_position,
                    const char  *text,
                    gsize        byte_offset,
                    int          code,
                    const char  *format,
                    ...) G_GNUC_PRINTF (6, 7);

static void
set_position_error (GError     **error,
                    guint       *error_position,
                    const char  *text,
                    gsize        byte_offset,
                    int          code,
                    const char  *format,
                    ...)
{
  va_list args;
  g_autofree char *what = NULL;
  guint position = char_position (text, byte_offset);

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  if (error_position != NULL)
    *error_position = position;
  g_set_error (error, EASEL_ERROR, code, "%s at position %u.", what, position);
}

/* Lexer */

typedef enum
{
  T_END, T_NUMBER, T_STRING, T_IDENT, T_QUOTED_NAME,
  T_LPAREN, T_RPAREN, T_COMMA,
  T_PLUS, T_MINUS, T_STAR, T_SLASH, T_CARET,
  T_EQ, T_NE, T_LT, T_LE, T_GT, T_GE,
  T_AND, T_OR, T_NOT, T_TRUE, T_FALSE,
} TokenKind;

typedef struct
{
  TokenKind  kind;
  gsize      start;
  gsize      end;
  double     number;
  char      *text;     /* T_STRING value, T_IDENT/T_QUOTED_NAME name */
} Token;

typedef struct
{
  const char *src;
  gsize       len;
  gsize       at;
  Token       tok;      /* the current (lookahead) token */
  guint      *error_position;
  GError    **error;
  gboolean    failed;
} Parser;

static void G_GNUC_PRINTF (4, 5)
parser_fail (Parser     *p,
             gsize       offset,
             int         code,
             const char *format,
             ...)
{
  va_list args;
  g_autofree char *what = NULL;

  if (p->failed)
    return;
  p->failed = TRUE;
  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  set_position_error (p->error, p->error_position, p->src, offset, code, "%s", what);
}

static gboolean
is_ident_start (const char *s)
{
  gunichar c = g_utf8_get_char_validated (s, -1);

  return c == '_'
         || (c < 0x80 ? g_ascii_isalpha (c)
                      : (c != (gunichar) -1 && c != (gunichar) -2 && g_unichar_isalpha (c)));
}

static gboolean
is_ident_char (const char *s)
{
  gunichar c = g_utf8_get_char_validated (s, -1);

  if (c == (gunichar) -1 || c == (gunichar) -2)
    return FALSE;
  return c == '_' || (c < 0x80 ? g_ascii_isalnum (c) : g_unichar_isalnum (c));
}

static const char *
token_display (const Parser *p,
               const Token  *t,
               char          buf[64])
{
  gsize n;

  if (t->kind == T_END)
    return "the end of the expression";
  n = MIN (t->end - t->start, 40);
  g_snprintf (buf, 64, "“%.*s”", (int) n, p->src + t->start);
  return buf;
}

static void
next_token (Parser *p)
{
  const char *s = p->src;
  gsize i = p->at;
  Token *t = &p->tok;

  g_clear_pointer (&t->text, g_free);
  if (p->failed)
    {
      t->kind = T_END;
      return;
    }
  while (i < p->len && g_ascii_isspace (s[i]))
    i++;
  t->start = i;
  t->number = 0;
  if (i >= p->len)
    {
      t->kind = T_END;
      t->end = i;
      p->at = i;
      return;
    }

  if (g_ascii_isdigit (s[i]) || (s[i] == '.' && i + 1 < p->len && g_ascii_isdigit (s[i + 1])))
    {
      gsize j = i;
      g_autofree char *num = NULL;

      while (j < p->len && g_ascii_isdigit (s[j]))
        j++;
      if (j < p->len && s[j] == '.')
        {
          j++;
          while (j < p->len && g_ascii_isdigit (s[j]))
            j++;
        }
      if (j < p->len && (s[j] == 'e' || s[j] == 'E'))
        {
          gsize k = j + 1;
          if (k < p->len && (s[k] == '+' || s[k] == '-'))
            k++;
          if (k < p->len && g_ascii_isdigit (s[k]))
            {
              while (k < p->len && g_ascii_isdigit (s[k]))
                k++;
              j = k;
            }
        }
      num = g_strndup (s + i, j - i);
      t->kind = T_NUMBER;
      t->number = g_ascii_strtod (num, NULL);
      t->end = j;
      p->at = j;
      return;
    }

  if (s[i] == '"' || s[i] == '\'')
    {
      char quote = s[i];
      GString *value = g_string_new (NULL);
      gsize j = i + 1;

      for (;;)
        {
          if (j >= p->len)
            {
              g_string_free (value, TRUE);
              parser_fail (p, i, EASEL_ERROR_PARSE, "The string that starts here is not closed");
              t->kind = T_END;
              return;
            }
          if (s[j] == quote)
            break;
          if (s[j] == '\\' && j + 1 < p->len)
            {
              char e = s[j + 1];
              switch (e)
                {
                case 'n': g_string_append_c (value, '\n'); break;
                case 't': g_string_append_c (value, '\t'); break;
                case '\\': case '"': case '\'': g_string_append_c (value, e); break;
                default:
                  g_string_free (value, TRUE);
                  parser_fail (p, j, EASEL_ERROR_PARSE,
                               "Unknown escape “\\%c” in a string (use \\\\ \\\" \\' \\n or \\t)",
                               e);
                  t->kind = T_END;
                  return;
                }
              j += 2;
              continue;
            }
          g_string_append_c (value, s[j]);
          j++;
        }
      t->kind = T_STRING;
      t->text = g_string_free (value, FALSE);
      t->end = j + 1;
      p->at = j + 1;
      return;
    }

  if (s[i] == '`')
    {
      GString *name = g_string_new (NULL);
      gsize j = i + 1;

      for (;;)
        {
          if (j >= p->len)
            {
              g_string_free (name, TRUE);
              parser_fail (p, i, EASEL_ERROR_PARSE,
                           "The column name that starts here is not closed with “`”");
              t->kind = T_END;
              return;
            }
          if (s[j] == '`')
            {
              /* `` inside backticks is one backtick */
              if (j + 1 < p->len && s[j + 1] == '`')
                {
                  g_string_append_c (name, '`');
                  j += 2;
                  continue;
                }
              break;
            }
          g_string_append_c (name, s[j]);
          j++;
        }
      if (name->len == 0)
        {
          g_string_free (name, TRUE);
          parser_fail (p, i, EASEL_ERROR_PARSE, "Empty column name “``”");
          t->kind = T_END;
          return;
        }
      t->kind = T_QUOTED_NAME;
      t->text = g_string_free (name, FALSE);
      t->end = j + 1;
      p->at = j + 1;
      return;
    }

  if (is_ident_start (s + i))
    {
      gsize j = i;
      static const struct { const char *word; TokenKind kind;
      } keywords[] = {
        { "and", T_AND },   { "or", T_OR },       { "not", T_NOT },
        { "true", T_TRUE }, { "false", T_FALSE },
      };

      while (j < p->len && is_ident_char (s + j))
        j = g_utf8_next_char (s + j) - s;
      t->end = j;
      p->at = j;
      for (guint k = 0; k < G_N_ELEMENTS (keywords); k++)
        if (strlen (keywords[k].word) == j - i
            && g_ascii_strncasecmp (s + i, keywords[k].word, j - i) == 0)
          {
            t->kind = keywords[k].kind;
            return;
          }
      t->kind = T_IDENT;
      t->text = g_strndup (s + i, j - i);
      return;
    }

  {
    char c = s[i], d = i + 1 < p->len ? s[i + 1] : '\0';
    TokenKind kind;
    gsize width = 1;

    switch (c)
      {
      case '(': kind = T_LPAREN; break;
      case ')': kind = T_RPAREN; break;
      case ',': kind = T_COMMA; break;
      case '+': kind = T_PLUS; break;
      case '-': kind = T_MINUS; break;
      case '*':
        if (d == '*')
          {
            parser_fail (p, i, EASEL_ERROR_PARSE, "“**” is not an operator; use ^ for powers");
            t->kind = T_END;
            return;
          }
        kind = T_STAR;
        break;
      case '/': kind = T_SLASH; break;
      case '^': kind = T_CARET; break;
      case '<':
        kind = d == '=' ? T_LE : T_LT;
        width = d == '=' ? 2 : 1;
        if (d == '>')
          {
            kind = T_NE;
            width = 2;
          }
        break;
      case '>':
        kind = d == '=' ? T_GE : T_GT;
        width = d == '=' ? 2 : 1;
        break;
      case '=':
        if (d != '=')
          {
            parser_fail (p, i, EASEL_ERROR_PARSE, "“=” is not an operator; use == to compare");
            t->kind = T_END;
            return;
          }
        kind = T_EQ;
        width = 2;
        break;
      case '!':
        if (d != '=')
          {
            parser_fail (p, i, EASEL_ERROR_PARSE,
                         "“!” is not an operator; use not, or != to compare");
            t->kind = T_END;
            return;
          }
        kind = T_NE;
        width = 2;
        break;
      case '&':
        parser_fail (p, i, EASEL_ERROR_PARSE, "“%s” is not an operator; use and",
                     d == '&' ? "&&" : "&");
        t->kind = T_END;
        return;
      case '|':
        parser_fail (p, i, EASEL_ERROR_PARSE, "“%s” is not an operator; use or",
                     d == '|' ? "||" : "|");
        t->kind = T_END;
        return;
      default:
        {
          gsize clen = 1;
          if ((guchar) c >= 0x80)
            {
              const char *next = g_utf8_find_next_char (s + i, s + p->len);
              clen = next != NULL ? (gsize) (next - (s + i)) : p->len - i;
            }
          parser_fail (p, i, EASEL_ERROR_PARSE, "Unexpected character “%.*s”", (int) clen, s + i);
          t->kind = T_END;
          return;
        }
      }
    t->kind = kind;
    t->end = i + width;
    p->at = i + width;
  }
}

/* Parser: binding powers, loosest first. */
enum
{
  BP_OR = 10,
  BP_AND = 20,
  BP_NOT = 30,
  BP_COMPARE = 40,
  BP_ADD = 50,
  BP_MUL = 60,
  BP_UNARY = 70,
  BP_POW = 80,
};

static Node *parse_expression (Parser *p, int min_bp);

static gboolean
lookup_func (const char *name,
             Func       *func)
{
  for (guint i = 0; i < G_N_ELEMENTS (funcs); i++)
    if (g_ascii_strcasecmp (name, funcs[i].name) == 0)
      {
        *func = (Func) i;
        return TRUE;
      }
  return FALSE;
}

static Node *
parse_call (Parser *p,
            char   *taken_name,
            gsize   pos)
{
  g_autofree char *name = taken_name;  /* this function owns the name */
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func ((GDestroyNotify) node_free);
  gsize open = p->tok.start;
  Func func;
  Node *node;

  if (!lookup_func (name, &func))
    {
      g_autoptr(GString) list = g_string_new (NULL);
      for (guint i = 0; i < G_N_ELEMENTS (funcs); i++)
        g_string_append_printf (list, "%s%s", i ? ", " : "", funcs[i].name);
      parser_fail (p, pos, EASEL_ERROR_PARSE, "Unknown function “%s” (functions: %s)", name,
                   list->str);
      return NULL;
    }
  next_token (p);   /* ( */
  if (p->tok.kind != T_RPAREN)
    {
      for (;;)
        {
          Node *arg = parse_expression (p, 0);
          if (arg == NULL)
            return NULL;
          g_ptr_array_add (args, arg);
          if (p->tok.kind == T_COMMA)
            {
              next_token (p);
              continue;
            }
          if (p->tok.kind == T_RPAREN)
            break;
          {
            char buf[64];
            parser_fail (p, p->tok.start, EASEL_ERROR_PARSE,
                         "Expected “,” or “)” after an argument of %s() (opened at position %u), "
                         "found %s",
                         funcs[func].name, char_position (p->src, open),
                         token_display (p, &p->tok, buf));
          }
          return NULL;
        }
    }
  next_token (p);   /* ) */
  if (args->len < funcs[func].min_args || args->len > funcs[func].max_args)
    {
      if (funcs[func].min_args == funcs[func].max_args)
        parser_fail (p, pos, EASEL_ERROR_PARSE, "%s() takes %u argument%s, not %u",
                     funcs[func].name, funcs[func].min_args, funcs[func].min_args == 1 ? "" : "s",
                     args->len);
      else if (funcs[func].max_args == G_MAXUINT)
        parser_fail (p, pos, EASEL_ERROR_PARSE, "%s() takes at least %u argument%s",
                     funcs[func].name, funcs[func].min_args, funcs[func].min_args == 1 ? "" : "s");
      else
        parser_fail (p, pos, EASEL_ERROR_PARSE, "%s() takes %u to %u arguments, not %u",
                     funcs[func].name, funcs[func].min_args, funcs[func].max_args, args->len);
      return NULL;
    }
  node = node_new (N_CALL, pos);
  node->func = func;
  node->n_args = args->len;
  g_ptr_array_set_free_func (args, NULL);
  node->args = (Node **) g_ptr_array_free (g_steal_pointer (&args), FALSE);
  return node;
}

static Node *
parse_prefix (Parser *p)
{
  Token *t = &p->tok;
  gsize pos = t->start;
  Node *node;

  switch (t->kind)
    {
    case T_NUMBER:
      node = node_new (N_NUMBER, pos);
      node->number = t->number;
      next_token (p);
      return node;
    case T_STRING:
      node = node_new (N_STRING, pos);
      node->string = g_steal_pointer (&t->text);
      next_token (p);
      return node;
    case T_TRUE:
    case T_FALSE:
      node = node_new (N_BOOL, pos);
      node->number = t->kind == T_TRUE;
      next_token (p);
      return node;
    case T_QUOTED_NAME:
      node = node_new (N_COLUMN, pos);
      node->string = g_steal_pointer (&t->text);
      next_token (p);
      return node;
    case T_IDENT:
      {
        char *name = g_steal_pointer (&t->text);
        next_token (p);
        if (p->tok.kind == T_LPAREN)
          return parse_call (p, name, pos);
        node = node_new (N_COLUMN, pos);
        node->string = name;
        return node;
      }
    case T_LPAREN:
      {
        Node *inner;
        next_token (p);
        inner = parse_expression (p, 0);
        if (inner == NULL)
          return NULL;
        if (p->tok.kind != T_RPAREN)
          {
            char buf[64];
            parser_fail (p, p->tok.start, EASEL_ERROR_PARSE,
                         "Expected “)” to close the “(” at position %u, found %s",
                         char_position (p->src, pos), token_display (p, &p->tok, buf));
            node_free (inner);
            return NULL;
          }
        next_token (p);
        return inner;
      }
    case T_MINUS:
    case T_PLUS:
      {
        gboolean minus = t->kind == T_MINUS;
        Node *operand;
        next_token (p);
        operand = parse_expression (p, BP_UNARY);
        if (operand == NULL)
          return NULL;
        if (!minus)
          {
            /* Unary plus only checks that its operand is a number: keep it as 0 + x. */
            Node *zero = node_new (N_NUMBER, pos);
            return node_new_binary (N_ADD, pos, zero, operand);
          }
        return node_new_binary (N_NEG, pos, operand, NULL);
      }
    case T_NOT:
      {
        Node *operand;
        next_token (p);
        operand = parse_expression (p, BP_NOT);
        if (operand == NULL)
          return NULL;
        return node_new_binary (N_NOT, pos, operand, NULL);
      }
    case T_END:
      if (!p->failed)
        parser_fail (p, t->start, EASEL_ERROR_PARSE,
                     "The expression ends where a value is expected");
      return NULL;
    case T_RPAREN:
    case T_COMMA:
    case T_STAR:
    case T_SLASH:
    case T_CARET:
    case T_EQ:
    case T_NE:
    case T_LT:
    case T_LE:
    case T_GT:
    case T_GE:
    case T_AND:
    case T_OR:
    default:
      {
        char buf[64];
        parser_fail (p, t->start, EASEL_ERROR_PARSE, "Expected a value, found %s",
                     token_display (p, t, buf));
        return NULL;
      }
    }
}

static gboolean
infix_of (TokenKind  kind,
          NodeKind  *node_kind,
          int       *lbp,
          int       *rbp)
{
  switch (kind)
    {
    case T_OR: *node_kind = N_OR; *lbp = BP_OR; *rbp = BP_OR + 1; return TRUE;
    case T_AND: *node_kind = N_AND; *lbp = BP_AND; *rbp = BP_AND + 1; return TRUE;
    case T_EQ: *node_kind = N_EQ; break;
    case T_NE: *node_kind = N_NE; break;
    case T_LT: *node_kind = N_LT; break;
    case T_LE: *node_kind = N_LE; break;
    case T_GT: *node_kind = N_GT; break;
    case T_GE: *node_kind = N_GE; break;
    case T_PLUS: *node_kind = N_ADD; *lbp = BP_ADD; *rbp = BP_ADD + 1; return TRUE;
    case T_MINUS: *node_kind = N_SUB; *lbp = BP_ADD; *rbp = BP_ADD + 1; return TRUE;
    case T_STAR: *node_kind = N_MUL; *lbp = BP_MUL; *rbp = BP_MUL + 1; return TRUE;
    case T_SLASH: *node_kind = N_DIV; *lbp = BP_MUL; *rbp = BP_MUL + 1; return TRUE;
    /* Right-associative: the right operand may hold another ^. Its operand may start
     * with a sign (2^-1), which parse_prefix handles. */
    case T_CARET: *node_kind = N_POW; *lbp = BP_POW; *rbp = BP_POW - 1; return TRUE;
    case T_END: case T_NUMBER: case T_STRING: case T_IDENT: case T_QUOTED_NAME:
    case T_LPAREN: case T_RPAREN: case T_COMMA: case T_NOT: case T_TRUE: case T_FALSE:
    default:
      return FALSE;
    }
  *lbp = BP_COMPARE;
  *rbp = BP_COMPARE + 1;
  return TRUE;
}

static gboolean
is_comparison (NodeKind kind)
{
  return kind >= N_EQ && kind <= N_GE;
}

static Node *
parse_expression (Parser *p,
                  int     min_bp)
{
  Node *lhs = parse_prefix (p);

  while (lhs != NULL)
    {
      NodeKind kind;
      int lbp, rbp;
      gsize pos = p->tok.start;
      Node *rhs;

      if (!infix_of (p->tok.kind, &kind, &lbp, &rbp) || lbp < min_bp)
        break;
      next_token (p);
      rhs = parse_expression (p, rbp);
      if (rhs == NULL)
        {
          node_free (lhs);
          return NULL;
        }
      lhs = node_new_binary (kind, pos, lhs, rhs);
      if (is_comparison (kind))
        {
          NodeKind next_kind;
          int l2, r2;
          if (infix_of (p->tok.kind, &next_kind, &l2, &r2) && is_comparison (next_kind))
            {
              parser_fail (p, p->tok.start, EASEL_ERROR_PARSE,
                           "Comparisons cannot be chained; join them with and");
              node_free (lhs);
              return NULL;
            }
        }
    }
  return lhs;
}

static void
collect_columns (Node      *node,
                 GPtrArray *names)
{
  if (node->kind == N_COLUMN)
    {
      for (guint i = 0; i < names->len; i++)
        if (strcmp (names->pdata[i], node->string) == 0)
          return;
      g_ptr_array_add (names, g_strdup (node->string));
    }
  for (guint i = 0; i < node->n_args; i++)
    collect_columns (node->args[i], names);
}

EaselFormula *
easel_formula_parse (const char  *expression,
                     guint       *error_position,
                     GError     **error)
{
  Parser p = { 0 };
  Node *root;
  EaselFormula *formula;

  g_return_val_if_fail (expression != NULL, NULL);

  if (!g_utf8_validate (expression, -1, NULL))
    {
      const char *end;
      g_utf8_validate (expression, -1, &end);
      set_position_error (error, error_position, expression, end - expression, EASEL_ERROR_ENCODING,
                          "The expression is not valid UTF-8");
      return NULL;
    }
  p.src = expression;
  p.len = strlen (expression);
  {
    gsize i = 0;
    while (i < p.len && g_ascii_isspace (expression[i]))
      i++;
    if (i == p.len)
      {
        set_position_error (error, error_position, expression, 0, EASEL_ERROR_PARSE,
                            "The expression is empty");
        return NULL;
      }
  }
  p.error = error;
  p.error_position = error_position;
  next_token (&p);
  root = parse_expression (&p, 0);
  if (root != NULL && p.tok.kind != T_END)
    {
      char buf[64];
      parser_fail (&p, p.tok.start, EASEL_ERROR_PARSE, "Unexpected %s; is an operator missing?",
                   token_display (&p, &p.tok, buf));
    }
  g_clear_pointer (&p.tok.text, g_free);
  if (p.failed)
    {
      node_free (root);
      return NULL;
    }

  formula = g_new0 (EaselFormula, 1);
  formula->text = g_strdup (expression);
  formula->root = root;
  formula->columns = g_ptr_array_new_with_free_func (g_free);
  collect_columns (root, formula->columns);
  g_ptr_array_add (formula->columns, NULL);
  return formula;
}

void
easel_formula_free (EaselFormula *formula)
{
  if (formula == NULL)
    return;
  node_free (formula->root);
  g_ptr_array_unref (formula->columns);
  g_free (formula->text);
  g_free (formula);
}

const char *
easel_formula_get_text (const EaselFormula *formula)
{
  return formula->text;
}

const char *const *
easel_formula_get_columns (const EaselFormula *formula)
{
  return (const char *const *) formula->columns->pdata;
}

/* Compiling */

typedef enum
{
  V_NUM,    /* double, NaN = missing */
  V_BOOL,   /* double 0/1, NaN = missing */
  V_STR,    /* const char *, NULL = missing */
  V_DT,     /* a datetime column: double seconds */
} ValType;

typedef enum
{
  I_COL_NUM, I_COL_BOOL, I_COL_CAT, I_COL_TEXT,
  I_CONST_NUM, I_CONST_STR,
  I_NEG, I_NOT, I_ADD, I_SUB, I_MUL, I_DIV, I_POW, I_POW_CONST,
  I_EQ, I_NE, I_LT, I_LE, I_GT, I_GE,
  I_SEQ, I_SNE, I_SLT, I_SLE, I_SGT, I_SGE,
  I_AND, I_OR, I_CONCAT,
  I_LOG, I_EXP, I_SQRT, I_ABS, I_FLOOR, I_CEIL, I_ROUND,
  I_MIN, I_MAX, I_IF_NUM, I_IF_STR,
  I_LOWER, I_UPPER, I_LENGTH, I_CONTAINS, I_MISSING_NUM, I_MISSING_STR,
} InstrKind;

typedef struct
{
  InstrKind           kind;
  ValType             type;      /* of the result */
  guint               a, b, c;   /* operand registers */
  guint              *args;      /* I_MIN, I_MAX */
  guint               n_args;
  double              k;         /* constant; I_ROUND: digits */
  const char         *s;         /* I_CONST_STR */
  const EaselColumn  *column;
} Instr;

typedef struct
{
  GArray             *code;      /* Instr; register i is the result of instruction i */
  EaselColumn *const *columns;
  guint               n_columns;
  const char         *text;
  guint              *error_position;
  GError            **error;
  gboolean            any_text_column;
  gboolean            any_string_column;
} Compiler;

static void
compiler_clear (Compiler *c)
{
  for (guint i = 0; c->code != NULL && i < c->code->len; i++)
    g_free (g_array_index (c->code, Instr, i).args);
  g_clear_pointer (&c->code, g_array_unref);
}

static guint
emit (Compiler *c,
      Instr     instr)
{
  g_array_append_val (c->code, instr);
  return c->code->len - 1;
}

static ValType
reg_type (Compiler *c,
          guint     reg)
{
  return g_array_index (c->code, Instr, reg).type;
}

static const char *
type_name (ValType type)
{
  switch (type)
    {
    case V_NUM: return "a number";
    case V_BOOL: return "a true/false value";
    case V_STR: return "a string";
    case V_DT: return "a date";
    default: return "a value";
    }
}

static gboolean
numeric_like (ValType type)
{
  return type == V_NUM || type == V_BOOL || type == V_DT;
}

static gboolean compile_node (Compiler *c, const Node *node, guint *out);

/* A constant number: a literal, possibly negated. */
static gboolean
constant_number (const Node *node,
                 double     *value)
{
  if (node->kind == N_NUMBER)
    {
      *value = node->number;
      return TRUE;
    }
  if (node->kind == N_NEG && constant_number (node->args[0], value))
    {
      *value = -*value;
      return TRUE;
    }
  return FALSE;
}

static gboolean
type_error (Compiler   *c,
            gsize       pos,
            const char *format,
            ...) G_GNUC_PRINTF (3, 4);

static gboolean
type_error (Compiler   *c,
            gsize       pos,
            const char *format,
            ...)
{
  va_list args;
  g_autofree char *what = NULL;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  set_position_error (c->error, c->error_position, c->text, pos, EASEL_ERROR_TYPE, "%s", what);
  return FALSE;
}

static gboolean
compile_column (Compiler   *c,
                const Node *node,
                guint      *out)
{
  const EaselColumn *column = NULL;
  Instr instr = { 0 };

  for (guint i = 0; i < c->n_columns; i++)
    if (strcmp (c->columns[i]->name, node->string) == 0)
      {
        column = c->columns[i];
        break;
      }
  if (column == NULL)
    {
      set_position_error (c->error, c->error_position, c->text, node->pos, EASEL_ERROR_NOT_FOUND,
                          "Unknown column “%s”", node->string);
      return FALSE;
    }
  instr.column = column;
  switch (column->type)
    {
    case EASEL_COLUMN_NUMERIC:
      instr.kind = I_COL_NUM;
      instr.type = V_NUM;
      break;
    case EASEL_COLUMN_DATETIME:
      instr.kind = I_COL_NUM;
      instr.type = V_DT;
      break;
    case EASEL_COLUMN_BOOLEAN:
      instr.kind = I_COL_BOOL;
      instr.type = V_BOOL;
      break;
    case EASEL_COLUMN_CATEGORICAL:
      instr.kind = I_COL_CAT;
      instr.type = V_STR;
      c->any_string_column = TRUE;
      break;
    case EASEL_COLUMN_TEXT:
      instr.kind = I_COL_TEXT;
      instr.type = V_STR;
      c->any_string_column = TRUE;
      c->any_text_column = TRUE;
      break;
    case EASEL_N_COLUMN_TYPES:
    default:
      g_assert_not_reached ();
    }
  *out = emit (c, instr);
  return TRUE;
}

static const char *
operator_text (NodeKind kind)
{
  switch (kind)
    {
    case N_ADD: return "+";
    case N_SUB: return "-";
    case N_MUL: return "*";
    case N_DIV: return "/";
    case N_POW: return "^";
    case N_EQ: return "==";
    case N_NE: return "!=";
    case N_LT: return "<";
    case N_LE: return "<=";
    case N_GT: return ">";
    case N_GE: return ">=";
    case N_AND: return "and";
    case N_OR: return "or";
    case N_NEG: return "-";
    case N_NOT: return "not";
    default: return "?";
    }
}

/* A string literal compared with a date is read as a date. */
static gboolean
date_literal (Compiler   *c,
              const Node *literal,
              guint      *out)
{
  double seconds;

  if (!easel_parse_datetime (literal->string, strlen (literal->string), &seconds, NULL))
    return type_error (c, literal->pos, "“%s” is not a date (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS)",
                       literal->string);
  *out = emit (c, (Instr) { .kind = I_CONST_NUM, .type = V_NUM, .k = seconds });
  return TRUE;
}

static gboolean
compile_binary (Compiler   *c,
                const Node *node,
                guint      *out)
{
  guint a, b;
  ValType ta, tb;
  Instr instr = { 0 };

  if (!compile_node (c, node->args[0], &a))
    return FALSE;
  ta = reg_type (c, a);

  /* date column vs "2020-01-01" */
  if (is_comparison (node->kind) && ta == V_DT && node->args[1]->kind == N_STRING)
    {
      if (!date_literal (c, node->args[1], &b))
        return FALSE;
    }
  else if (!compile_node (c, node->args[1], &b))
    return FALSE;
  tb = reg_type (c, b);
  if (is_comparison (node->kind) && tb == V_DT && node->args[0]->kind == N_STRING)
    {
      if (!date_literal (c, node->args[0], &a))
        return FALSE;
      ta = V_NUM;
    }

  instr.a = a;
  instr.b = b;
  switch (node->kind)
    {
    case N_ADD:
      if (ta == V_STR && tb == V_STR)
        {
          instr.kind = I_CONCAT;
          instr.type = V_STR;
          break;
        }
      G_GNUC_FALLTHROUGH;
    case N_SUB:
    case N_MUL:
    case N_DIV:
    case N_POW:
      if (!numeric_like (ta) || !numeric_like (tb))
        return type_error (c, node->pos, "“%s” needs numbers, not %s and %s",
                           operator_text (node->kind), type_name (ta), type_name (tb));
      instr.kind = node->kind == N_ADD   ? I_ADD
                   : node->kind == N_SUB ? I_SUB
                   : node->kind == N_MUL ? I_MUL
                   : node->kind == N_DIV ? I_DIV
                                         : I_POW;
      instr.type = V_NUM;
      /* As numpy: x^2 is x·x, x^0.5 is sqrt(x), x^-1 is 1/x (exactly rounded, where pow()
       * may be one unit in the last place off). */
      if (node->kind == N_POW && constant_number (node->args[1], &instr.k) &&
          (instr.k == 2 || instr.k == 0.5 || instr.k == -1 || instr.k == 1 || instr.k == 0))
        instr.kind = I_POW_CONST;
      break;
    case N_EQ:
    case N_NE:
    case N_LT:
    case N_LE:
    case N_GT:
    case N_GE:
      if (ta == V_STR && tb == V_STR)
        instr.kind = I_SEQ + (node->kind - N_EQ);
      else if (numeric_like (ta) && numeric_like (tb))
        instr.kind = I_EQ + (node->kind - N_EQ);
      else
        return type_error (c, node->pos, "Cannot compare %s with %s", type_name (ta),
                           type_name (tb));
      instr.type = V_BOOL;
      break;
    case N_AND:
    case N_OR:
      if (ta != V_BOOL || tb != V_BOOL)
        return type_error (c, node->pos, "“%s” needs true/false values, not %s and %s",
                           operator_text (node->kind), type_name (ta), type_name (tb));
      instr.kind = node->kind == N_AND ? I_AND : I_OR;
      instr.type = V_BOOL;
      break;
    default:
      g_assert_not_reached ();
    }
  *out = emit (c, instr);
  return TRUE;
}

static gboolean
compile_call (Compiler   *c,
              const Node *node,
              guint      *out)
{
  guint regs[3] = { 0 };
  ValType types[3] = { 0 };
  Instr instr = { 0 };
  const char *name = funcs[node->func].name;

  /* Arguments of min/max are compiled below; the others have at most three. */
  if (node->func != F_MIN && node->func != F_MAX)
    for (guint i = 0; i < node->n_args; i++)
      {
        if (node->func == F_ROUND && i == 1)
          break;
        if (!compile_node (c, node->args[i], &regs[i]))
          return FALSE;
        types[i] = reg_type (c, regs[i]);
      }
  instr.a = regs[0];
  instr.b = regs[1];
  instr.c = regs[2];

  switch (node->func)
    {
    case F_LOG: case F_EXP: case F_SQRT: case F_ABS: case F_FLOOR: case F_CEIL:
      if (!numeric_like (types[0]))
        return type_error (c, node->pos, "%s() needs a number, not %s", name, type_name (types[0]));
      instr.kind = I_LOG + (node->func - F_LOG);
      instr.type = V_NUM;
      break;
    case F_ROUND:
      if (!numeric_like (types[0]))
        return type_error (c, node->pos, "round() needs a number, not %s", type_name (types[0]));
      instr.kind = I_ROUND;
      instr.type = V_NUM;
      instr.k = 0;
      if (node->n_args == 2)
        {
          double digits;
          if (!constant_number (node->args[1], &digits) || digits != floor (digits)
              || fabs (digits) > 300)
            return type_error (c, node->args[1]->pos,
                               "The digits of round() must be a whole number");
          instr.k = digits;
        }
      break;
    case F_MIN:
    case F_MAX:
      instr.kind = node->func == F_MIN ? I_MIN : I_MAX;
      instr.type = V_NUM;
      instr.n_args = node->n_args;
      instr.args = g_new (guint, node->n_args);
      for (guint i = 0; i < node->n_args; i++)
        {
          guint r;
          if (!compile_node (c, node->args[i], &r))
            {
              g_free (instr.args);
              return FALSE;
            }
          if (!numeric_like (reg_type (c, r)))
            {
              g_free (instr.args);
              return type_error (c, node->args[i]->pos, "%s() needs numbers, not %s", name,
                                 type_name (reg_type (c, r)));
            }
          instr.args[i] = r;
        }
      break;
    case F_IF:
      if (types[0] != V_BOOL)
        return type_error (c, node->args[0]->pos,
                           "The condition of if() must be true/false, not %s",
                           type_name (types[0]));
      if (types[1] == V_STR && types[2] == V_STR)
        {
          instr.kind = I_IF_STR;
          instr.type = V_STR;
        }
      else if (numeric_like (types[1]) && numeric_like (types[2]))
        {
          instr.kind = I_IF_NUM;
          instr.type = types[1] == V_BOOL && types[2] == V_BOOL ? V_BOOL : V_NUM;
        }
      else
        return type_error (c, node->pos,
                           "The two results of if() must have the same type, not %s and %s",
                           type_name (types[1]), type_name (types[2]));
      break;
    case F_LOWER:
    case F_UPPER:
    case F_LENGTH:
      if (types[0] != V_STR)
        return type_error (c, node->pos, "%s() needs a string, not %s", name, type_name (types[0]));
      instr.kind = node->func == F_LOWER ? I_LOWER : node->func == F_UPPER ? I_UPPER : I_LENGTH;
      instr.type = node->func == F_LENGTH ? V_NUM : V_STR;
      break;
    case F_CONTAINS:
      if (types[0] != V_STR || types[1] != V_STR)
        return type_error (c, node->pos, "contains() needs two strings, not %s and %s",
                           type_name (types[0]), type_name (types[1]));
      instr.kind = I_CONTAINS;
      instr.type = V_BOOL;
      break;
    case F_IS_MISSING:
      instr.kind = types[0] == V_STR ? I_MISSING_STR : I_MISSING_NUM;
      instr.type = V_BOOL;
      break;
    default:
      g_assert_not_reached ();
    }
  *out = emit (c, instr);
  return TRUE;
}

static gboolean
compile_node (Compiler   *c,
              const Node *node,
              guint      *out)
{
  switch (node->kind)
    {
    case N_NUMBER:
      *out = emit (c, (Instr) { .kind = I_CONST_NUM, .type = V_NUM, .k = node->number });
      return TRUE;
    case N_BOOL:
      *out = emit (c, (Instr) { .kind = I_CONST_NUM, .type = V_BOOL, .k = node->number });
      return TRUE;
    case N_STRING:
      *out = emit (c, (Instr) { .kind = I_CONST_STR, .type = V_STR, .s = node->string });
      return TRUE;
    case N_COLUMN:
      return compile_column (c, node, out);
    case N_CALL:
      return compile_call (c, node, out);
    case N_NEG:
    case N_NOT:
      {
        guint a;
        ValType t;
        if (!compile_node (c, node->args[0], &a))
          return FALSE;
        t = reg_type (c, a);
        if (node->kind == N_NEG && !numeric_like (t))
          return type_error (c, node->pos, "“-” needs a number, not %s", type_name (t));
        if (node->kind == N_NOT && t != V_BOOL)
          return type_error (c, node->pos, "“not” needs a true/false value, not %s", type_name (t));
        *out = emit (c, (Instr) { .kind = node->kind == N_NEG ? I_NEG : I_NOT,
                                  .type = node->kind == N_NEG ? V_NUM : V_BOOL, .a = a });
        return TRUE;
      }
    default:
      return compile_binary (c, node, out);
    }
}

/* Running */

/* Strings made while evaluating a block: chunks of memory that never move, reused for
 * each block of rows. */
typedef struct
{
  char  *mem;
  gsize  size;
} ArenaChunk;

typedef struct
{
  GArray *chunks;    /* ArenaChunk */
  guint   current;
  gsize   used;      /* in the current chunk */
} Arena;

#define CHUNK_BYTES (64 * 1024)

static char *
arena_alloc (Arena *arena,
             gsize  n)
{
  for (;;)
    {
      if (arena->current < arena->chunks->len)
        {
          ArenaChunk *chunk = &g_array_index (arena->chunks, ArenaChunk, arena->current);
          if (arena->used + n <= chunk->size)
            {
              arena->used += n;
              return chunk->mem + arena->used - n;
            }
          arena->current++;
          arena->used = 0;
          continue;
        }
      {
        ArenaChunk chunk = { g_malloc (MAX (CHUNK_BYTES, n)), MAX (CHUNK_BYTES, n) };
        g_array_append_val (arena->chunks, chunk);
      }
    }
}

static void
arena_reset (Arena *arena)
{
  arena->current = 0;
  arena->used = 0;
}

static void
arena_clear (Arena *arena)
{
  for (guint i = 0; i < arena->chunks->len; i++)
    g_free (g_array_index (arena->chunks, ArenaChunk, i).mem);
  g_array_unref (arena->chunks);
}

typedef struct
{
  double      *num;    /* the register's values for this block (may point into a column) */
  const char **str;
  double      *own_num;
  const char **own_str;
} Reg;

typedef struct
{
  Reg   *regs;
  Arena  arena;
} Machine;

static void
machine_init (Machine     *m,
              const GArray *code)
{
  m->regs = g_new0 (Reg, code->len);
  for (guint i = 0; i < code->len; i++)
    {
      const Instr *in = &g_array_index (code, Instr, i);
      if (in->type == V_STR)
        m->regs[i].own_str = g_new (const char *, BLOCK);
      else
        m->regs[i].own_num = g_new (double, BLOCK);
    }
  m->arena.chunks = g_array_new (FALSE, FALSE, sizeof (ArenaChunk));
  m->arena.current = 0;
  m->arena.used = 0;
}

static void
machine_clear (Machine      *m,
               const GArray *code)
{
  for (guint i = 0; i < code->len; i++)
    {
      g_free (m->regs[i].own_num);
      g_free (m->regs[i].own_str);
    }
  g_free (m->regs);
  arena_clear (&m->arena);
}

static const char *
arena_strdup (Arena      *arena,
              const char *s,
              gsize       len)
{
  char *copy = arena_alloc (arena, len + 1);

  memcpy (copy, s, len);
  copy[len] = '\0';
  return copy;
}

static const char *
change_case (Arena      *arena,
             const char *s,
             gboolean    upper)
{
  gsize len = strlen (s);
  gboolean ascii = TRUE;
  char *out;

  for (gsize i = 0; i < len; i++)
    if ((guchar) s[i] >= 0x80)
      {
        ascii = FALSE;
        break;
      }
  if (!ascii)
    {
      g_autofree char *changed = upper ? g_utf8_strup (s, len) : g_utf8_strdown (s, len);
      return arena_strdup (arena, changed, strlen (changed));
    }
  out = arena_alloc (arena, len + 1);
  for (gsize i = 0; i < len; i++)
    out[i] = upper ? g_ascii_toupper (s[i]) : g_ascii_tolower (s[i]);
  out[len] = '\0';
  return out;
}

/* numpy's round: half to even at the given number of decimals. */
static inline double
round_digits (double x,
              double digits)
{
  if (digits >= 0)
    {
      double f = pow (10.0, digits);
      return nearbyint (x * f) / f;
    }
  else
    {
      double f = pow (10.0, -digits);
      return nearbyint (x / f) * f;
    }
}

static void
run_block (const GArray *code,
           Machine      *m,
           gsize         start,
           gsize         n)
{
  for (guint r = 0; r < code->len; r++)
    {
      const Instr *in = &g_array_index (code, Instr, r);
      Reg *d = &m->regs[r];
      const double *a = NULL, *b = NULL, *c = NULL;
      const char **sa = NULL, **sb = NULL, **sc = NULL;
      double *o;
      const char **so;

      if (in->kind != I_COL_NUM && in->kind != I_CONST_NUM && in->kind != I_CONST_STR &&
          in->kind != I_COL_BOOL && in->kind != I_COL_CAT && in->kind != I_COL_TEXT &&
          in->kind != I_MIN && in->kind != I_MAX)
        {
          a = m->regs[in->a].num;
          sa = m->regs[in->a].str;
          b = m->regs[in->b].num;
          sb = m->regs[in->b].str;
          c = m->regs[in->c].num;
          sc = m->regs[in->c].str;
        }
      d->num = d->own_num;
      d->str = d->own_str;
      o = d->own_num;
      so = d->own_str;

      switch (in->kind)
        {
        case I_COL_NUM:
          d->num = in->column->num + start;
          break;
        case I_COL_BOOL:
          for (gsize i = 0; i < n; i++)
            o[i] = easel_column_is_missing (in->column, start + i) ? NAN
                                                                   : in->column->bools[start + i];
          break;
        case I_COL_CAT:
          for (gsize i = 0; i < n; i++)
            {
              gint32 k = in->column->codes[start + i];
              so[i] = k >= 0 ? in->column->categories[k] : NULL;
            }
          break;
        case I_COL_TEXT:
          for (gsize i = 0; i < n; i++)
            so[i] = easel_column_is_missing (in->column, start + i)
                      ? NULL : in->column->text + in->column->offsets[start + i];
          break;
        case I_CONST_NUM:
          for (gsize i = 0; i < n; i++)
            o[i] = in->k;
          break;
        case I_CONST_STR:
          for (gsize i = 0; i < n; i++)
            so[i] = in->s;
          break;
        case I_NEG:
          for (gsize i = 0; i < n; i++)
            o[i] = -a[i];
          break;
        case I_NOT:
          for (gsize i = 0; i < n; i++)
            o[i] = isnan (a[i]) ? NAN : (a[i] == 0.0);
          break;
        case I_ADD:
          for (gsize i = 0; i < n; i++)
            o[i] = a[i] + b[i];
          break;
        case I_SUB:
          for (gsize i = 0; i < n; i++)
            o[i] = a[i] - b[i];
          break;
        case I_MUL:
          for (gsize i = 0; i < n; i++)
            o[i] = a[i] * b[i];
          break;
        case I_DIV:
          for (gsize i = 0; i < n; i++)
            o[i] = a[i] / b[i];
          break;
        case I_POW:
          for (gsize i = 0; i < n; i++)
            o[i] = pow (a[i], b[i]);
          break;
        case I_POW_CONST:
          if (in->k == 2)
            for (gsize i = 0; i < n; i++)
              o[i] = a[i] * a[i];
          else if (in->k == 0.5)
            for (gsize i = 0; i < n; i++)
              o[i] = sqrt (a[i]);
          else if (in->k == -1)
            for (gsize i = 0; i < n; i++)
              o[i] = 1.0 / a[i];
          else if (in->k == 1)
            for (gsize i = 0; i < n; i++)
              o[i] = a[i];
          else
            for (gsize i = 0; i < n; i++)
              o[i] = 1.0;
          break;
#define COMPARE(KIND, OP) \
        case KIND: \
          for (gsize i = 0; i < n; i++) \
            o[i] = (isnan (a[i]) || isnan (b[i])) ? NAN : (double) (a[i] OP b[i]); \
          break;
        COMPARE (I_EQ, ==)
        COMPARE (I_NE, !=)
        COMPARE (I_LT, <)
        COMPARE (I_LE, <=)
        COMPARE (I_GT, >)
        COMPARE (I_GE, >=)
#undef COMPARE
#define SCOMPARE(KIND, OP) \
        case KIND: \
          for (gsize i = 0; i < n; i++) \
            o[i] = (sa[i] == NULL || sb[i] == NULL) ? NAN : (double) (strcmp (sa[i], sb[i]) OP 0); \
          break;
        SCOMPARE (I_SEQ, ==)
        SCOMPARE (I_SNE, !=)
        SCOMPARE (I_SLT, <)
        SCOMPARE (I_SLE, <=)
        SCOMPARE (I_SGT, >)
        SCOMPARE (I_SGE, >=)
#undef SCOMPARE
        case I_AND:
          for (gsize i = 0; i < n; i++)
            o[i] = (a[i] == 0.0 || b[i] == 0.0) ? 0.0 : (isnan (a[i]) || isnan (b[i])) ? NAN : 1.0;
          break;
        case I_OR:
          for (gsize i = 0; i < n; i++)
            o[i] = (a[i] == 1.0 || b[i] == 1.0) ? 1.0 : (isnan (a[i]) || isnan (b[i])) ? NAN : 0.0;
          break;
        case I_CONCAT:
          for (gsize i = 0; i < n; i++)
            {
              gsize la, lb;
              char *s;
              if (sa[i] == NULL || sb[i] == NULL)
                {
                  so[i] = NULL;
                  continue;
                }
              la = strlen (sa[i]);
              lb = strlen (sb[i]);
              s = arena_alloc (&m->arena, la + lb + 1);
              memcpy (s, sa[i], la);
              memcpy (s + la, sb[i], lb + 1);
              so[i] = s;
            }
          break;
        case I_LOG:
          for (gsize i = 0; i < n; i++)
            o[i] = log (a[i]);
          break;
        case I_EXP:
          for (gsize i = 0; i < n; i++)
            o[i] = exp (a[i]);
          break;
        case I_SQRT:
          for (gsize i = 0; i < n; i++)
            o[i] = sqrt (a[i]);
          break;
        case I_ABS:
          for (gsize i = 0; i < n; i++)
            o[i] = fabs (a[i]);
          break;
        case I_FLOOR:
          for (gsize i = 0; i < n; i++)
            o[i] = floor (a[i]);
          break;
        case I_CEIL:
          for (gsize i = 0; i < n; i++)
            o[i] = ceil (a[i]);
          break;
        case I_ROUND:
          for (gsize i = 0; i < n; i++)
            o[i] = round_digits (a[i], in->k);
          break;
        case I_MIN:
        case I_MAX:
          for (gsize i = 0; i < n; i++)
            o[i] = NAN;
          for (guint k = 0; k < in->n_args; k++)
            {
              const double *x = m->regs[in->args[k]].num;
              if (in->kind == I_MIN)
                {
                  for (gsize i = 0; i < n; i++)
                    if (!isnan (x[i]) && (isnan (o[i]) || x[i] < o[i]))
                      o[i] = x[i];
                }
              else
                {
                  for (gsize i = 0; i < n; i++)
                    if (!isnan (x[i]) && (isnan (o[i]) || x[i] > o[i]))
                      o[i] = x[i];
                }
            }
          break;
        case I_IF_NUM:
          for (gsize i = 0; i < n; i++)
            o[i] = isnan (a[i]) ? NAN : a[i] != 0.0 ? b[i] : c[i];
          break;
        case I_IF_STR:
          for (gsize i = 0; i < n; i++)
            so[i] = isnan (a[i]) ? NULL : a[i] != 0.0 ? sb[i] : sc[i];
          break;
        case I_LOWER:
        case I_UPPER:
          for (gsize i = 0; i < n; i++)
            so[i] = sa[i] == NULL ? NULL : change_case (&m->arena, sa[i], in->kind == I_UPPER);
          break;
        case I_LENGTH:
          for (gsize i = 0; i < n; i++)
            o[i] = sa[i] == NULL ? NAN : (double) easel_utf8_count (sa[i], strlen (sa[i]));
          break;
        case I_CONTAINS:
          for (gsize i = 0; i < n; i++)
            o[i] = (sa[i] == NULL || sb[i] == NULL) ? NAN : (strstr (sa[i], sb[i]) != NULL);
          break;
        case I_MISSING_NUM:
          for (gsize i = 0; i < n; i++)
            o[i] = isnan (a[i]);
          break;
        case I_MISSING_STR:
          for (gsize i = 0; i < n; i++)
            o[i] = sa[i] == NULL;
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

/* Strings of one block of rows, kept until the result column is assembled. */
typedef struct
{
  GString  *bytes;     /* strings back to back, each NUL-terminated */
  guint8   *missing;   /* per row of the block */
} BlockStrings;

static EaselColumn *
assemble_strings (const char    *name,
                  BlockStrings  *blocks,
                  gsize          n_blocks,
                  gsize          n_rows,
                  gboolean       as_text)
{
  if (as_text)
    {
      gsize total = 0, row = 0, pos = 0;
      guint64 *offsets = g_new (guint64, n_rows + 1);
      guint8 *missing = g_malloc0 (MAX (n_rows, 1));
      char *text;

      for (gsize k = 0; k < n_blocks; k++)
        total += blocks[k].bytes->len;
      text = g_malloc (MAX (total, 1));
      for (gsize k = 0; k < n_blocks; k++)
        {
          gsize block_rows = MIN ((gsize) BLOCK, n_rows - k * BLOCK);
          const char *s = blocks[k].bytes->str;
          memcpy (text + pos, s, blocks[k].bytes->len);
          for (gsize i = 0; i < block_rows; i++, row++)
            {
              gsize len = strlen (text + pos);
              offsets[row] = pos;
              missing[row] = blocks[k].missing[i];
              pos += len + 1;
            }
        }
      offsets[n_rows] = pos;
      return easel_column_new_text (name, n_rows, offsets, text, missing);
    }
  else
    {
      EaselDict dict;
      gint32 *codes = g_new (gint32, MAX (n_rows, 1));
      char **categories;
      gsize row = 0;

      easel_dict_init (&dict);
      for (gsize k = 0; k < n_blocks; k++)
        {
          gsize block_rows = MIN ((gsize) BLOCK, n_rows - k * BLOCK);
          const char *s = blocks[k].bytes->str;
          for (gsize i = 0; i < block_rows; i++, row++)
            {
              gsize len = strlen (s);
              codes[row] = blocks[k].missing[i] ? -1 : (gint32) easel_dict_intern (&dict, s, len);
              s += len + 1;
            }
        }
      categories = g_new (char *, dict.n + 1);
      for (guint32 c = 0; c < dict.n; c++)
        categories[c] = g_strdup (easel_dict_string (&dict, c));
      categories[dict.n] = NULL;
      {
        guint32 n_categories = dict.n;
        easel_dict_clear (&dict);
        return easel_column_new_categorical (name, n_rows, codes, categories, n_categories);
      }
    }
}

EaselColumn *
easel_formula_evaluate (const EaselFormula  *formula,
                        EaselColumn *const  *columns,
                        guint                n_columns,
                        gsize                n_rows,
                        const char          *name,
                        guint               *error_position,
                        GCancellable        *cancellable,
                        GError             **error)
{
  Compiler c = { 0 };
  guint result;
  ValType type;
  gsize n_blocks = (n_rows + BLOCK - 1) / BLOCK;
  double *num = NULL;
  BlockStrings *blocks = NULL;
  gboolean cancelled = FALSE;
  EaselColumn *out = NULL;

  g_return_val_if_fail (formula != NULL, NULL);
  for (guint i = 0; i < n_columns; i++)
    g_return_val_if_fail (columns[i]->n_rows == n_rows, NULL);

  c.code = g_array_new (FALSE, TRUE, sizeof (Instr));
  c.columns = columns;
  c.n_columns = n_columns;
  c.text = formula->text;
  c.error_position = error_position;
  c.error = error;
  if (!compile_node (&c, formula->root, &result))
    {
      compiler_clear (&c);
      return NULL;
    }
  type = reg_type (&c, result);

  if (type == V_STR)
    blocks = g_new0 (BlockStrings, MAX (n_blocks, 1));
  else
    num = g_new (double, MAX (n_rows, 1));

#pragma omp parallel if (n_blocks > 1)
  {
    Machine m;

    machine_init (&m, c.code);
#pragma omp for schedule(dynamic, 4)
    for (gsize k = 0; k < n_blocks; k++)
      {
        gsize start = k * BLOCK, n = MIN ((gsize) BLOCK, n_rows - start);

        if (g_atomic_int_get (&cancelled))
          continue;
        if (k % 64 == 0 && g_cancellable_is_cancelled (cancellable))
          {
            g_atomic_int_set (&cancelled, TRUE);
            continue;
          }
        arena_reset (&m.arena);
        run_block (c.code, &m, start, n);
        if (type == V_STR)
          {
            const char **s = m.regs[result].str;
            GString *bytes = g_string_sized_new (n * 8);
            guint8 *missing = g_malloc0 (n);
            for (gsize i = 0; i < n; i++)
              {
                if (s[i] == NULL)
                  missing[i] = 1;
                else
                  g_string_append (bytes, s[i]);
                g_string_append_c (bytes, '\0');
              }
            blocks[k].bytes = bytes;
            blocks[k].missing = missing;
          }
        else
          memcpy (num + start, m.regs[result].num, n * sizeof (double));
      }
    machine_clear (&m, c.code);
  }

  if (cancelled)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "The formula was cancelled.");
  else if (type == V_STR)
    out = assemble_strings (name, blocks, n_blocks, n_rows, c.any_text_column);
  else if (type == V_BOOL)
    {
      guint8 *values = g_malloc (MAX (n_rows, 1));
      guint8 *missing = g_malloc (MAX (n_rows, 1));
      for (gsize i = 0; i < n_rows; i++)
        {
          missing[i] = isnan (num[i]);
          values[i] = !missing[i] && num[i] != 0.0;
        }
      out = easel_column_new_boolean (name, n_rows, values, missing);
    }
  else if (type == V_DT)
    {
      const Instr *in = &g_array_index (c.code, Instr, result);
      out = easel_column_new_datetime (name, n_rows, g_steal_pointer (&num), NULL,
                                       in->column->has_time);
    }
  else
    out = easel_column_new_numeric (name, n_rows, g_steal_pointer (&num), NULL);

  if (blocks != NULL)
    for (gsize k = 0; k < n_blocks; k++)
      {
        if (blocks[k].bytes != NULL)
          g_string_free (blocks[k].bytes, TRUE);
        g_free (blocks[k].missing);
      }
  g_free (blocks);
  g_free (num);
  compiler_clear (&c);
  return out;
}

EaselColumn *
easel_formula_evaluate_table (const EaselFormula *formula,
                              EaselTable         *table,
                              const char         *name,
                              guint              *error_position,
                              GCancellable       *cancellable,
                              GError            **error)
{
  guint n = easel_table_get_n_columns (table);
  g_autofree EaselColumn **columns = g_new (EaselColumn *, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    columns[i] = easel_table_get_column (table, i);
  return easel_formula_evaluate (formula, columns, n, easel_table_get_n_rows (table), name,
                                 error_position, cancellable, error);
}
