import type { Answers, Value } from './definition.js';
import { fullYears, isCalendarDate, isEmpty, parseNumber, todayInPrague } from './values.js';

/**
 * The small expression language of `when` conditions, e.g.
 * `applicant_type == 'organisation' and sum(budget.amount) > 10000`.
 *
 * Safe under a strict CSP: a hand-written tokenizer and recursive-descent
 * parser build an AST, which an evaluator walks; nothing is compiled to code.
 * The grammar, lowest precedence first:
 *
 * ```text
 * or         := and ('or' and)*
 * and        := not ('and' not)*
 * not        := 'not' not | comparison
 * comparison := sum (('==' | '!=' | '<' | '<=' | '>' | '>=') sum)?
 * sum        := product (('+' | '-') product)*
 * product    := unary (('*' | '/') unary)*
 * unary      := '-' unary | primary
 * primary    := number | string | 'true' | 'false' | 'null' | name
 *             | function '(' arguments ')' | '(' or ')'
 * ```
 *
 * A name is a field id (`[A-Za-z][A-Za-z0-9_]*`); `group.field` is written
 * only as the argument of `sum()`. Functions: `empty(x)`, `count(x)`,
 * `sum(group.field)`, `contains(x, v)`, `age(date)`.
 */

export type Literal = number | string | boolean | null;
export type ComparisonOperator = '==' | '!=' | '<' | '<=' | '>' | '>=';
export type ArithmeticOperator = '+' | '-' | '*' | '/';
export type FunctionName = 'empty' | 'count' | 'sum' | 'contains' | 'age';

/** A parsed expression. `position` is where it starts in the source (0-based). */
export type Expression =
  | { kind: 'literal'; value: Literal; position: number }
  /** `path` is `['amount']` for a field, `['budget', 'amount']` for a group's field (only in `sum`). */
  | { kind: 'name'; path: string[]; position: number }
  | { kind: 'not'; operand: Expression; position: number }
  | { kind: 'negate'; operand: Expression; position: number }
  | { kind: 'logical'; operator: 'and' | 'or'; left: Expression; right: Expression; position: number }
  | { kind: 'compare'; operator: ComparisonOperator; left: Expression; right: Expression; position: number }
  | { kind: 'arithmetic'; operator: ArithmeticOperator; left: Expression; right: Expression; position: number }
  | { kind: 'call'; name: FunctionName; args: Expression[]; position: number };

/** A syntax error, with the 0-based position in the source where it was found. */
export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'ExpressionError';
  }
}

/** Longest source and deepest nesting accepted: conditions are short, and a parser must not overflow the stack. */
const MAX_LENGTH = 2000;
const MAX_DEPTH = 40;

type Token =
  | { type: 'number'; value: number; position: number }
  | { type: 'string'; value: string; position: number }
  | { type: 'name'; value: string; position: number }
  | { type: 'symbol'; value: string; position: number }
  | { type: 'end'; position: number };

const SYMBOLS = ['==', '!=', '<=', '>=', '<', '>', '+', '-', '*', '/', '(', ')', ',', '.'];
/** Operators of other languages, refused with the one to write instead. */
const MISTAKES: Record<string, string> = { '&&': "write 'and' instead of '&&'", '||': "write 'or' instead of '||'", '!': "write 'not' instead of '!'", '=': "write '==' to compare" };
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < source.length) {
    const char = source[index]!;
    if (/\s/.test(char)) {
      index++;
    } else if (/[0-9]/.test(char)) {
      const match = /^\d+(?:\.\d+)?/.exec(source.slice(index))![0];
      if (/[A-Za-z_]/.test(source[index + match.length] ?? '')) throw new ExpressionError('A name cannot start with a digit', index);
      tokens.push({ type: 'number', value: Number(match), position: index });
      index += match.length;
    } else if (char === "'" || char === '"') {
      const start = index;
      let value = '';
      index++;
      for (;;) {
        const next = source[index];
        if (next === undefined) throw new ExpressionError('The text has no closing quote', start);
        index++;
        if (next === char) break;
        if (next === '\\') {
          const escaped = source[index];
          if (escaped === undefined || !(escaped in ESCAPES)) throw new ExpressionError(`Unknown escape \\${escaped ?? ''}`, index - 1);
          value += ESCAPES[escaped];
          index++;
        } else {
          value += next;
        }
      }
      tokens.push({ type: 'string', value, position: start });
    } else if (/[A-Za-z]/.test(char)) {
      const name = /^[A-Za-z][A-Za-z0-9_]*/.exec(source.slice(index))![0];
      tokens.push({ type: 'name', value: name, position: index });
      index += name.length;
    } else {
      const symbol = SYMBOLS.find((candidate) => source.startsWith(candidate, index));
      if (!symbol) {
        const mistake = Object.keys(MISTAKES).find((candidate) => source.startsWith(candidate, index));
        throw new ExpressionError(mistake ? `Unexpected '${mistake}': ${MISTAKES[mistake]}` : `Unexpected character '${char}'`, index);
      }
      tokens.push({ type: 'symbol', value: symbol, position: index });
      index += symbol.length;
    }
  }
  tokens.push({ type: 'end', position: source.length });
  return tokens;
}

const KEYWORDS = new Set(['and', 'or', 'not', 'true', 'false', 'null']);
const ARITY: Record<FunctionName, number> = { empty: 1, count: 1, sum: 1, contains: 2, age: 1 };
const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=']);

class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): Expression {
    const expression = this.or();
    const rest = this.peek();
    if (rest.type !== 'end') throw new ExpressionError(`Unexpected ${describe(rest)}`, rest.position);
    return expression;
  }

  private peek(): Token {
    return this.tokens[this.index]!;
  }

  private take(): Token {
    return this.tokens[this.index++]!;
  }

  private isSymbol(value: string): boolean {
    const token = this.peek();
    return token.type === 'symbol' && token.value === value;
  }

  private isKeyword(value: string): boolean {
    const token = this.peek();
    return token.type === 'name' && token.value === value;
  }

  private expectSymbol(value: string): void {
    const token = this.peek();
    if (!this.isSymbol(value)) throw new ExpressionError(`Expected '${value}' but found ${describe(token)}`, token.position);
    this.index++;
  }

  private or(): Expression {
    let left = this.and();
    while (this.isKeyword('or')) {
      const { position } = this.take();
      left = { kind: 'logical', operator: 'or', left, right: this.and(), position };
    }
    return left;
  }

  private and(): Expression {
    let left = this.not();
    while (this.isKeyword('and')) {
      const { position } = this.take();
      left = { kind: 'logical', operator: 'and', left, right: this.not(), position };
    }
    return left;
  }

  private not(): Expression {
    if (!this.isKeyword('not')) return this.comparison();
    const { position } = this.take();
    return { kind: 'not', operand: this.nested(() => this.not()), position };
  }

  private comparison(): Expression {
    const left = this.sum();
    const token = this.peek();
    if (token.type !== 'symbol' || !COMPARISONS.has(token.value)) return left;
    this.index++;
    const right = this.sum();
    const after = this.peek();
    if (after.type === 'symbol' && COMPARISONS.has(after.value)) {
      throw new ExpressionError("Comparisons cannot be chained: join them with 'and'", after.position);
    }
    return { kind: 'compare', operator: token.value as ComparisonOperator, left, right, position: token.position };
  }

  private sum(): Expression {
    let left = this.product();
    while (this.isSymbol('+') || this.isSymbol('-')) {
      const token = this.take() as { value: ArithmeticOperator; position: number };
      left = { kind: 'arithmetic', operator: token.value, left, right: this.product(), position: token.position };
    }
    return left;
  }

  private product(): Expression {
    let left = this.unary();
    while (this.isSymbol('*') || this.isSymbol('/')) {
      const token = this.take() as { value: ArithmeticOperator; position: number };
      left = { kind: 'arithmetic', operator: token.value, left, right: this.unary(), position: token.position };
    }
    return left;
  }

  private unary(): Expression {
    if (!this.isSymbol('-')) return this.primary();
    const { position } = this.take();
    return { kind: 'negate', operand: this.nested(() => this.unary()), position };
  }

  private primary(): Expression {
    const token = this.take();
    switch (token.type) {
      case 'number':
      case 'string':
        return { kind: 'literal', value: token.value, position: token.position };
      case 'symbol':
        if (token.value === '(') {
          const inner = this.nested(() => this.or());
          this.expectSymbol(')');
          return inner;
        }
        throw new ExpressionError(`Unexpected ${describe(token)}`, token.position);
      case 'end':
        throw new ExpressionError('The expression ends too early', token.position);
      case 'name':
        return this.named(token);
    }
  }

  private named(token: { value: string; position: number }): Expression {
    const { value, position } = token;
    if (value === 'true' || value === 'false') return { kind: 'literal', value: value === 'true', position };
    if (value === 'null') return { kind: 'literal', value: null, position };
    if (KEYWORDS.has(value)) throw new ExpressionError(`Unexpected '${value}'`, position);
    if (this.isSymbol('(')) return this.call(value, position);
    if (this.isSymbol('.')) throw new ExpressionError('A group field (group.field) can only be summed: sum(group.field)', this.peek().position);
    return { kind: 'name', path: [value], position };
  }

  private call(name: string, position: number): Expression {
    if (!(name in ARITY)) throw new ExpressionError(`Unknown function '${name}'`, position);
    const fn = name as FunctionName;
    this.expectSymbol('(');
    const args: Expression[] = [];
    if (!this.isSymbol(')')) {
      args.push(this.argument(fn));
      while (this.isSymbol(',')) {
        this.index++;
        args.push(this.argument(fn));
      }
    }
    this.expectSymbol(')');
    if (args.length !== ARITY[fn]) {
      throw new ExpressionError(`${fn}() takes ${ARITY[fn]} argument${ARITY[fn] === 1 ? '' : 's'}, not ${args.length}`, position);
    }
    return { kind: 'call', name: fn, args, position };
  }

  private argument(fn: FunctionName): Expression {
    return fn === 'sum' ? this.groupField() : this.nested(() => this.or());
  }

  /** The argument of `sum`: `group.field`. */
  private groupField(): Expression {
    const group = this.take();
    const dot = this.take();
    const field = this.take();
    if (group.type !== 'name' || KEYWORDS.has(group.value) || !(dot.type === 'symbol' && dot.value === '.') || field.type !== 'name') {
      throw new ExpressionError('sum() takes a field of a group: sum(group.field)', group.position);
    }
    return { kind: 'name', path: [group.value, field.value], position: group.position };
  }

  private nested<T>(parse: () => T): T {
    if (++this.depth > MAX_DEPTH) throw new ExpressionError('The expression is nested too deeply', this.peek().position);
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }
}

function describe(token: Token): string {
  switch (token.type) {
    case 'end':
      return 'the end';
    case 'string':
      return `text '${token.value}'`;
    default:
      return `'${token.value}'`;
  }
}

const cache = new Map<string, Expression | ExpressionError>();
const CACHE_LIMIT = 1000;

/** Parses an expression (cached by its source). Throws {@link ExpressionError} with the position of the mistake. */
export function parseExpression(source: string): Expression {
  let result = cache.get(source);
  if (!result) {
    try {
      if (source.length > MAX_LENGTH) throw new ExpressionError(`An expression is at most ${MAX_LENGTH} characters`, MAX_LENGTH);
      if (source.trim() === '') throw new ExpressionError('The expression is empty', 0);
      result = new Parser(tokenize(source)).parse();
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      result = error;
    }
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(source, result);
  }
  if (result instanceof ExpressionError) throw result;
  return result;
}

/** The fields an expression reads, in order of appearance, each once: `amount`, or `budget.amount` inside `sum()`. */
export function referencesOf(expression: Expression): string[] {
  const found = new Set<string>();
  const visit = (node: Expression): void => {
    switch (node.kind) {
      case 'name':
        found.add(node.path.join('.'));
        break;
      case 'not':
      case 'negate':
        visit(node.operand);
        break;
      case 'logical':
      case 'compare':
      case 'arithmetic':
        visit(node.left);
        visit(node.right);
        break;
      case 'call':
        node.args.forEach(visit);
        break;
      case 'literal':
        break;
    }
  };
  visit(expression);
  return [...found];
}

/** What evaluating yields: an answer, a literal, or undefined for "missing" (also the result of impossible arithmetic). */
type Result = Value | null | undefined;

interface Scope {
  answers: Answers;
  item: Answers | undefined;
  today: string | undefined;
}

function lookup(path: string[], scope: Scope): Result {
  const [id] = path as [string];
  if (scope.item && Object.hasOwn(scope.item, id)) return scope.item[id];
  return Object.hasOwn(scope.answers, id) ? scope.answers[id] : undefined;
}

/** A number, from a number or a numeric string; otherwise undefined. */
function numeric(value: Result): number | undefined {
  return typeof value === 'number' || typeof value === 'string' ? parseNumber(value) : undefined;
}

function truthy(value: Result): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  return !isEmpty(value);
}

function equal(left: Result, right: Result): boolean | undefined {
  if (isEmpty(left) || isEmpty(right) || typeof left === 'object' || typeof right === 'object') return undefined;
  if (typeof left === 'number' || typeof right === 'number') {
    const [a, b] = [numeric(left), numeric(right)];
    if (a !== undefined && b !== undefined) return a === b;
  }
  return left === right;
}

function order(left: Result, right: Result): number | undefined {
  if (isEmpty(left) || isEmpty(right)) return undefined;
  if (typeof left === 'number' || typeof right === 'number') {
    const [a, b] = [numeric(left), numeric(right)];
    return a === undefined || b === undefined ? undefined : a - b;
  }
  if (typeof left === 'string' && typeof right === 'string') return left < right ? -1 : left > right ? 1 : 0;
  return undefined;
}

function compare(operator: ComparisonOperator, left: Result, right: Result): boolean {
  if (operator === '==' || operator === '!=') {
    const same = equal(left, right);
    return same === undefined ? false : operator === '==' ? same : !same;
  }
  const difference = order(left, right);
  if (difference === undefined) return false;
  switch (operator) {
    case '<':
      return difference < 0;
    case '<=':
      return difference <= 0;
    case '>':
      return difference > 0;
    case '>=':
      return difference >= 0;
  }
}

function arithmetic(operator: ArithmeticOperator, left: Result, right: Result): number | undefined {
  const [a, b] = [numeric(left), numeric(right)];
  if (a === undefined || b === undefined) return undefined;
  const result = operator === '+' ? a + b : operator === '-' ? a - b : operator === '*' ? a * b : a / b;
  return Number.isFinite(result) ? result : undefined;
}

function call(name: FunctionName, args: Expression[], scope: Scope): Result {
  switch (name) {
    case 'empty':
      return isEmpty(evaluate(args[0]!, scope));
    case 'count': {
      const value = evaluate(args[0]!, scope);
      return isEmpty(value) ? 0 : Array.isArray(value) ? value.length : 1;
    }
    case 'sum': {
      const [group, field] = (args[0] as Extract<Expression, { kind: 'name' }>).path as [string, string];
      const items = lookup([group], scope);
      if (!Array.isArray(items)) return 0;
      return items.reduce<number>((total, item) => {
        const amount = typeof item === 'object' && item !== null ? numeric((item as Answers)[field]) : undefined;
        return amount === undefined ? total : total + amount;
      }, 0);
    }
    case 'contains': {
      const haystack = evaluate(args[0]!, scope);
      const needle = evaluate(args[1]!, scope);
      if (Array.isArray(haystack)) return haystack.some((element) => equal(element as Result, needle) === true);
      return typeof haystack === 'string' && typeof needle === 'string' && needle !== '' && haystack.includes(needle);
    }
    case 'age': {
      const date = evaluate(args[0]!, scope);
      if (typeof date !== 'string' || !isCalendarDate(date)) return undefined;
      const today = scope.today ?? todayInPrague();
      return date <= today ? fullYears(date, today) : undefined;
    }
  }
}

function evaluate(node: Expression, scope: Scope): Result {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'name':
      return lookup(node.path, scope);
    case 'not':
      return !truthy(evaluate(node.operand, scope));
    case 'negate': {
      const value = numeric(evaluate(node.operand, scope));
      return value === undefined ? undefined : -value;
    }
    case 'logical':
      return node.operator === 'and'
        ? truthy(evaluate(node.left, scope)) && truthy(evaluate(node.right, scope))
        : truthy(evaluate(node.left, scope)) || truthy(evaluate(node.right, scope));
    case 'compare':
      return compare(node.operator, evaluate(node.left, scope), evaluate(node.right, scope));
    case 'arithmetic':
      return arithmetic(node.operator, evaluate(node.left, scope), evaluate(node.right, scope));
    case 'call':
      return call(node.name, node.args, scope);
  }
}

/**
 * Whether a `when` condition holds for these answers. No condition is true.
 * Inside a group's item, a name means the item's own field first, then the
 * form's. Never throws: a comparison with a missing or empty operand is
 * false, and so is a condition that does not parse (`checkDefinition`
 * refuses those before a form is used).
 *
 * @param today `YYYY-MM-DD` for `age()`; today in Prague when not given.
 */
export function evaluateCondition(source: string | undefined, answers: Answers, item?: Answers, today?: string): boolean {
  if (source === undefined) return true;
  try {
    return truthy(evaluate(parseExpression(source), { answers, item, today }));
  } catch {
    return false;
  }
}
