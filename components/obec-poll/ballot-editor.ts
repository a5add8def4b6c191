import { html, nothing, type TemplateResult } from 'lit';
import { localized, type Text } from '../../src/forms/definition.js';
import { formatMoney } from '../../src/i18n/format.js';
import type { Lang } from '../../src/i18n/lang.js';
import type { Params } from '../../src/i18n/translator.js';
import { maxMinus, maxPlus, minusBlocked, plusBlocked, summarize, type BallotError } from '../../src/polls/ballot.js';
import { d21Rules, type Ballot, type PollDefinition, type PollOption } from '../../src/polls/definition.js';
import { ballotErrorText } from '../../src/polls/poll-messages.js';
import type { PollWidgetMessages } from './obec-poll.messages.js';

/** What the parts of `<obec-poll>` need from the element: its language and words. */
export interface PollHost {
  readonly language: Lang;
  t(key: keyof PollWidgetMessages & string, params?: Params): string;
}

/** The ballot editor's state and the citizen's actions, each checked against the rules by the element. */
export interface EditorHost extends PollHost {
  readonly poll: PollDefinition;
  /** The options in this voter's order. */
  readonly order: readonly PollOption[];
  readonly ballot: Ballot;
  /** Broken rules shown at their options (those of the whole ballot are in the error summary only). */
  readonly errors: readonly BallotError[];
  /** The reason shown at an option after the citizen pressed one of its blocked controls. */
  readonly attempt?: { option: string; text: string };
  /** What the last change did besides itself (minus votes taken back). */
  readonly note?: string;
  /** `single`: this option instead of the one chosen. */
  choose(option: string): void;
  /** `multiple`, `budget`: choose or unchoose. */
  toggle(option: string): void;
  /** `d21`: one plus vote more (1) or less (−1). */
  plus(option: string, delta: 1 | -1): void;
  /** `d21`: give or take back the minus vote. */
  minus(option: string): void;
}

export const textOf = (host: PollHost, text: Text | undefined) => localized(text, host.language);

/** Element ids of an option's parts; option ids are letters, digits, `_` and `-`, safe in ids. */
export const optionId = (option: string, part = '') => `option-${option}${part ? `-${part}` : ''}`;

/** Plain text with blank lines between paragraphs, as paragraphs. */
function paragraphs(text: string): TemplateResult[] {
  return text
    .split(/\n\s*\n/)
    .filter((paragraph) => paragraph.trim() !== '')
    .map((paragraph) => html`<p>${paragraph.trim()}</p>`);
}

export function renderParagraphs(host: PollHost, text: Text | undefined): TemplateResult | typeof nothing {
  return text === undefined ? nothing : html`<div class="description">${paragraphs(textOf(host, text))}</div>`;
}

/** Whether options are shown as cards (pictures, descriptions, costs) rather than a compact list. */
export function asCards(poll: PollDefinition): boolean {
  return poll.budget !== undefined || poll.options.some((option) => option.image || option.description);
}

/**
 * One option: its control (or none), title, cost, picture, description and
 * link. The control's description names the cost, why it is blocked and
 * what is wrong with it, all in this shadow root.
 */
function renderOption(
  host: PollHost,
  poll: PollDefinition,
  option: PollOption,
  { control, title, after = nothing, error, attempt }: { control?: TemplateResult; title: TemplateResult; after?: TemplateResult | typeof nothing; error?: string; attempt?: string },
): TemplateResult {
  const name = textOf(host, option.title);
  return html`<li part="option" class="option ${error ? 'invalid' : ''}" id=${optionId(option.id, 'card')}>
    ${option.image ? html`<img class="picture" src=${option.image} alt=${textOf(host, option.imageAlt)} loading="lazy" />` : nothing}
    <div class="option-head">${control ?? nothing}${title}</div>
    ${poll.budget && option.cost !== undefined
      ? html`<p class="cost" id=${optionId(option.id, 'cost')}>${host.t('cost', { amount: formatMoney(host.language, option.cost) })}</p>`
      : nothing}
    ${renderParagraphs(host, option.description)}
    ${option.link ? html`<p class="more"><a href=${option.link}>${host.t('more')}<span class="visually-hidden">: ${name}</span></a></p>` : nothing}
    ${after}
    ${attempt ? html`<p class="attempt" id=${optionId(option.id, 'attempt')}>${attempt}</p>` : nothing}
    ${error ? html`<p class="error-message" id=${optionId(option.id, 'error')}>${error}</p>` : nothing}
  </li>`;
}

/** The options without controls: before voting opens, or for those who cannot vote. */
export function renderPreview(host: PollHost, poll: PollDefinition, order: readonly PollOption[]): TemplateResult {
  const cards = asCards(poll);
  return html`<section class="preview" aria-labelledby="options-title">
    <h3 id="options-title">${poll.budget ? host.t('projectsTitle') : host.t('optionsTitle')}</h3>
    <ul part="options" class="options ${cards ? 'cards' : ''}">
      ${order.map((option) => renderOption(host, poll, option, { title: html`<h4 class="title">${textOf(host, option.title)}</h4>` }))}
    </ul>
  </section>`;
}

/** The words of a broken rule (a rule this version of the widget does not know is named in general). */
export function errorText(host: PollHost, poll: PollDefinition, error: BallotError): string {
  return ballotErrorText(host.language, error, poll);
}

/** The words of a rule the ballot would break, with the money in a budget's own words. */
export function blockedText(host: PollHost, poll: PollDefinition, ballot: Ballot, error: BallotError): string {
  if (error.code === 'over_budget' && poll.budget && error.option) {
    const cost = poll.options.find((option) => option.id === error.option)?.cost ?? 0;
    const left = poll.budget.total - summarize(poll, ballot).spent;
    return host.t('doesNotFit', { cost: formatMoney(host.language, cost), left: formatMoney(host.language, Math.max(0, left)) });
  }
  return ballotErrorText(host.language, error, poll);
}

/** The rules, stated plainly above the options. */
function rules(host: EditorHost): string[] {
  const { poll } = host;
  const money = (value: number) => formatMoney(host.language, value);
  const lines: string[] = [];
  switch (poll.method) {
    case 'single':
      lines.push(host.t('chooseOne'));
      break;
    case 'multiple': {
      const max = maxPlus(poll);
      const min = Math.min(poll.minChoices ?? 1, max);
      lines.push(min === max ? host.t('chooseExactly', { count: max }) : host.t('chooseRange', { min, count: max }));
      break;
    }
    case 'budget':
      if (poll.budget) lines.push(host.t('budgetTotal', { total: money(poll.budget.total) }));
      if (poll.budget?.minSpend) lines.push(host.t('budgetMin', { min: money(poll.budget.minSpend) }));
      if (poll.budget?.maxProjects) lines.push(host.t('budgetMax', { count: poll.budget.maxProjects }));
      break;
    case 'd21': {
      const d21 = d21Rules(poll);
      lines.push(host.t('d21.plus', { count: d21.plus }));
      lines.push(d21.minus > 0 ? host.t('d21.minus', { count: d21.minus }) : host.t('d21.noMinus'));
      lines.push(host.t('d21.perOption', { count: d21.maxPlusPerOption }));
      if (d21.minus > 0 && d21.minusAfter !== 0) lines.push(ballotErrorText(host.language, lockError(poll), poll));
      if (d21.minus > 0) lines.push(host.t('d21.plusAndMinus'));
      lines.push(host.t('d21.notAll'));
      lines.push(host.t(d21.ranking === 'plus' ? 'd21.ranking.plus' : 'd21.ranking.net'));
      if (d21.excludeWhenMinusExceedsPlus) lines.push(host.t('d21.exclude'));
      break;
    }
  }
  if (poll.budget && poll.method !== 'budget') lines.push(host.t('fundingRule', { total: money(poll.budget.total) }));
  return lines;
}

/** Why minus votes are still locked (d21 `minusAfter`). */
function lockError(poll: PollDefinition): BallotError {
  const { minusAfter, plus } = d21Rules(poll);
  return minusAfter === 'all' ? { code: 'minus_before_all_plus', params: { plus } } : { code: 'minus_too_early', params: { after: minusAfter } };
}

/** What the ballot adds up to, announced politely as it changes. */
function counter(host: EditorHost): TemplateResult | typeof nothing {
  const { poll, ballot } = host;
  const summary = summarize(poll, ballot);
  const money = (value: number) => formatMoney(host.language, value);
  switch (poll.method) {
    case 'single':
      return nothing;
    case 'multiple':
      return html`<p>${host.t('chosen', { count: summary.plusUsed, max: maxPlus(poll) })}</p>`;
    case 'budget': {
      const total = poll.budget?.total ?? 0;
      const max = poll.budget?.maxProjects;
      return html`<p>${host.t('spent', { spent: money(summary.spent), total: money(total), left: money(Math.max(0, total - summary.spent)) })}</p>
        <progress class="spend" aria-hidden="true" max=${total} .value=${Math.min(summary.spent, total)}></progress>
        <p>${host.t('projectsChosen', { count: max ? `${summary.plusUsed} / ${max}` : summary.plusUsed })}</p>`;
    }
    case 'd21': {
      const minus = maxMinus(poll);
      return html`<p>${host.t('plusLeft', { count: summary.plusLeft, max: maxPlus(poll) })}</p>
        ${minus > 0 ? html`<p>${host.t('minusLeft', { count: summary.minusLeft, max: minus })}</p>` : nothing}
        ${minus > 0 && !summary.minusUnlocked ? html`<p class="locked">${ballotErrorText(host.language, lockError(poll), poll)}</p>` : nothing}`;
    }
  }
}

/** The ids describing a control: its cost, why it is blocked, and what is wrong. */
function describedBy(...ids: (string | false | undefined)[]): string | typeof nothing {
  const list = ids.filter(Boolean).join(' ');
  return list || nothing;
}

function renderChoice(host: EditorHost, option: PollOption, error: string | undefined, attempt: string | undefined): TemplateResult {
  const { poll, ballot } = host;
  const id = optionId(option.id);
  const chosen = ballot.plus.includes(option.id);
  const single = poll.method === 'single';
  const blocked = chosen ? undefined : plusBlocked(poll, ballot, option.id);
  const why = blocked && blockedText(host, poll, ballot, blocked);
  const hasCost = poll.budget !== undefined && option.cost !== undefined;
  // a blocked choice stays focusable and says why instead of changing
  const onClick = (event: Event) => {
    if (!blocked) return;
    event.preventDefault();
    host.toggle(option.id);
  };
  const control = html`<input
    type=${single ? 'radio' : 'checkbox'}
    name=${single ? 'choice' : option.id}
    id=${id}
    class=${blocked ? 'blocked' : ''}
    .checked=${chosen}
    aria-disabled=${blocked ? 'true' : nothing}
    aria-describedby=${describedBy(hasCost && optionId(option.id, 'cost'), blocked && optionId(option.id, 'why'), error && optionId(option.id, 'error'))}
    aria-invalid=${error ? 'true' : nothing}
    @click=${onClick}
    @change=${() => (single ? host.choose(option.id) : host.toggle(option.id))}
  />`;
  return renderOption(host, poll, option, {
    control,
    title: html`<label for=${id} class="title">${textOf(host, option.title)}</label>`,
    // money that no longer fits is said at the card; other limits are in the counter above
    after: why ? html`<p class="why" id=${optionId(option.id, 'why')} ?hidden=${blocked.code !== 'over_budget'}>${why}</p>` : nothing,
    error,
    attempt: attempt === why && blocked?.code === 'over_budget' ? undefined : attempt,
  });
}

/** A d21 option: a plus toggle (a stepper where one option may take several plus votes) and a minus toggle. */
function renderD21(host: EditorHost, option: PollOption, error: string | undefined, attempt: string | undefined): TemplateResult {
  const { poll, ballot } = host;
  const rules = d21Rules(poll);
  const name = textOf(host, option.title);
  const given = ballot.plus.filter((id) => id === option.id).length;
  const minused = ballot.minus.includes(option.id);
  const addBlocked = plusBlocked(poll, ballot, option.id);
  const minusReason = minused ? undefined : rules.minus > 0 ? minusBlocked(poll, ballot, option.id) : undefined;
  const why = (error: BallotError | undefined) => error && blockedText(host, poll, ballot, error);
  const reasons: TemplateResult[] = [];
  const reason = (key: string, text: string | undefined) => {
    if (!text) return undefined;
    reasons.push(html`<span id=${optionId(option.id, key)} hidden>${text}</span>`);
    return optionId(option.id, key);
  };
  const button = (
    label: string,
    { spoken = label, pressed, blocked, kind, onPress, describe }: { spoken?: string; pressed?: boolean; blocked?: string; kind: string; onPress: () => void; describe?: string },
  ) => html`<button
    type="button"
    part="button"
    class="vote ${kind} ${blocked ? 'blocked' : ''}"
    aria-pressed=${pressed === undefined ? nothing : pressed ? 'true' : 'false'}
    aria-disabled=${blocked ? 'true' : nothing}
    aria-describedby=${describedBy(blocked, describe)}
    @click=${onPress}
  >
    ${pressed ? html`<span class="mark" aria-hidden="true">✓</span>` : nothing}${spoken === label
      ? label
      : html`<span aria-hidden="true">${label}</span><span class="visually-hidden">${spoken}</span>`}<span class="visually-hidden">: ${name}</span>
  </button>`;

  let plusControls: TemplateResult;
  if (rules.maxPlusPerOption === 1) {
    plusControls = button(host.t('plusVote'), {
      kind: 'plus',
      pressed: given > 0,
      blocked: given > 0 ? undefined : reason('why-plus', why(addBlocked)),
      onPress: () => host.plus(option.id, given > 0 ? -1 : 1),
    });
  } else {
    plusControls = html`<span class="stepper">
      ${button('−', { spoken: host.t('removePlus'), kind: 'plus step', blocked: given === 0 ? reason('why-less', host.t('noPlusToRemove')) : undefined, onPress: () => host.plus(option.id, -1) })}
      <span class="given" id=${optionId(option.id, 'given')}>${host.t('plusGiven', { count: given })}</span>
      ${button('+', { spoken: host.t('addPlus'), kind: 'plus step', blocked: reason('why-plus', why(addBlocked)), onPress: () => host.plus(option.id, 1), describe: optionId(option.id, 'given') })}
    </span>`;
  }
  const minusControl =
    rules.minus > 0
      ? button(host.t('minusVote'), {
          kind: 'minus',
          pressed: minused,
          blocked: reason('why-minus', why(minusReason)),
          onPress: () => host.minus(option.id),
        })
      : nothing;
  return renderOption(host, poll, option, {
    title: html`<h4 class="title" id=${optionId(option.id, 'title')}>${name}</h4>`,
    after: html`<div class="votes" role="group" aria-labelledby=${optionId(option.id, 'title')}>${plusControls} ${minusControl} ${reasons}</div>`,
    error,
    attempt,
  });
}

/** The ballot: rules, counters and the options with their controls. */
export function renderEditor(host: EditorHost): TemplateResult {
  const { poll } = host;
  const errorAt = (option: string) => {
    const error = host.errors.find((candidate) => candidate.option === option);
    return error && errorText(host, poll, error);
  };
  const attemptAt = (option: string) => (host.attempt?.option === option ? host.attempt.text : undefined);
  return html`<div part="rules" class="rules">
      <h4>${host.t('rulesTitle')}</h4>
      <ul>
        ${rules(host).map((line) => html`<li>${line}</li>`)}
      </ul>
    </div>
    <fieldset class="ballot" id="ballot" tabindex="-1">
      <legend>${poll.method === 'single' || poll.method === 'multiple' ? textOf(host, poll.question ?? poll.title) : poll.budget ? host.t('projectsTitle') : host.t('optionsTitle')}</legend>
      <div part="counter" class="counter" role="status">${counter(host)}${host.note ? html`<p class="note">${host.note}</p>` : nothing}</div>
      <ul part="options" class="options ${asCards(poll) ? 'cards' : ''}">
        ${host.order.map((option) =>
          poll.method === 'd21' ? renderD21(host, option, errorAt(option.id), attemptAt(option.id)) : renderChoice(host, option, errorAt(option.id), attemptAt(option.id)),
        )}
      </ul>
    </fieldset>`;
}

/** A cast ballot in words: the options chosen, or the plus and minus votes given. */
export function renderBallotSummary(host: PollHost, poll: PollDefinition, ballot: Ballot): TemplateResult {
  const title = (id: string) => textOf(host, poll.options.find((option) => option.id === id)?.title ?? id);
  const counted = (ids: readonly string[]) =>
    [...new Set(ids)].map((id) => {
      const times = ids.filter((candidate) => candidate === id).length;
      return html`<li>${title(id)}${times > 1 ? ` (${host.t('times', { count: times })})` : ''}</li>`;
    });
  if (poll.method !== 'd21') {
    return html`<p>${host.t('chosenList')}:</p>
      <ul class="plain">${counted(ballot.plus)}</ul>`;
  }
  return html`<p>${host.t('plusFor')}:</p>
    <ul class="plain">${counted(ballot.plus)}</ul>
    ${ballot.minus.length > 0 ? html`<p>${host.t('minusFor')}:</p><ul class="plain">${counted(ballot.minus)}</ul>` : nothing}`;
}
