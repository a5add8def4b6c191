import { defineElement } from '../../src/define.js';
import { ObecPoll } from './obec-poll.component.js';

export { ObecPoll };
defineElement('obec-poll', ObecPoll);

declare global {
  interface HTMLElementTagNameMap {
    'obec-poll': ObecPoll;
  }
}
