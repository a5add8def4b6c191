import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { FileField, Upload } from '../../../src/forms/definition.js';
import { acceptLabel, validateValue, type ErrorCode } from '../../../src/forms/validate.js';
import { formatBytes } from '../../../src/i18n/format.js';
import { ObecField, type FieldProblem, type FormValue } from './field-base.js';

/**
 * Sends one file to the town's backend and resolves with the upload an
 * answer refers to. A refusal rejects with an Error whose `code` is the
 * server's (`file_type`, `file_too_large`, …); a failure to reach the server
 * rejects without one. `signal` aborts when the person removes the file.
 */
export type Uploader = (file: File, signal: AbortSignal) => Promise<Upload>;

/** A file the person chose: uploading, uploaded, or (with no uploader) kept as it is. */
interface Chosen {
  name: string;
  size: number;
  type: string;
  file?: File;
  upload?: Upload;
  /** Present while the upload runs. */
  controller?: AbortController;
}

/** Refusals of the uploader the field can explain from its own definition. */
const REFUSALS: ReadonlySet<string> = new Set<ErrorCode>(['file_type', 'file_too_large', 'too_many_files']);

/** Standalone defaults: the usual attachments of a town's forms, 10 MB each. */
const DEFAULT_ACCEPT = ['application/pdf', 'image/jpeg', 'image/png'];
const DEFAULT_MAX_SIZE = 10 * 1024 * 1024;

const chosenFrom = (item: File | Upload): Chosen =>
  item instanceof File ? { name: item.name, size: item.size, type: item.type, file: item } : { ...item, upload: item };

/**
 * @summary Files to attach, checked for type and size before anything is sent.
 *
 * @description A native file input (labelled, `accept`, several files when
 * `maxFiles` is over 1) with the allowed types and size as a hint. A file of
 * another type, too large, or over the number allowed is refused at once with
 * a message, and the others are kept. Chosen files are listed with their
 * size and an "Odebrat …" button each; a polite live region says what
 * happened ("Soubor … nahrán").
 *
 * With an `uploader` (as `<obec-form>` sets it) each file is uploaded as soon
 * as it is chosen and the value is the list of uploads; a refused or failed
 * upload shows its message and the rest stay. Without one (in a host page's
 * own form) the value is the list of `File`s and the form submits them.
 *
 * @event input - The files changed (bubbles, composed); `value` is already current.
 * @event change - The files changed (bubbles).
 *
 * @csspart field - The wrapper.
 * @csspart label - The label.
 * @csspart hint - The allowed types and size.
 * @csspart control - The file input.
 * @csspart files - The list of chosen files.
 * @csspart file - One chosen file.
 * @csspart remove - The button removing a file.
 * @csspart status - The live region (visually hidden).
 * @csspart error - The error message.
 *
 * @cssproperty --obec-color-primary - The choose and remove buttons.
 * @cssproperty --obec-color-error - Error text and bar.
 * @cssstate dark - The dark theme of the page's `<obec-portal>` is in effect.
 */
export class ObecFileField extends ObecField<FileField, Upload[] | File[]> {
  /** Accepted media types, comma separated, when there is no `field` (default PDF, JPEG and PNG). */
  @property() accept = '';

  /** Largest size of one file in bytes, when there is no `field` (default 10 MB). */
  @property({ type: Number, attribute: 'max-size' }) maxSize?: number;

  /** How many files, when there is no `field` (default 1). */
  @property({ type: Number, attribute: 'max-files' }) maxFiles?: number;

  /**
   * Uploads each file as soon as it is chosen (`<obec-form>` sets it); the
   * value is then the list of uploads. Without it the value is the `File`s.
   */
  @property({ attribute: false }) uploader?: Uploader;

  @state() private chosen: Chosen[] = [];
  /** Messages about files just refused or failed; they stay until the next choice. */
  @state() private refusals: string[] = [];
  /** The last thing that happened, for screen readers. */
  @state() private status = '';

  /** A field taken off the page stops its uploads. */
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.abortUploads();
  }

  override formResetCallback(): void {
    this.abortUploads();
    this.refusals = [];
    this.status = '';
    super.formResetCallback();
  }

  protected override fieldFromAttributes(): FileField {
    const accept = this.accept
      .split(',')
      .map((type) => type.trim())
      .filter(Boolean);
    return {
      ...this.commonAttributes(),
      type: 'file',
      accept: accept.length > 0 ? accept : DEFAULT_ACCEPT,
      maxSize: this.maxSize ?? DEFAULT_MAX_SIZE,
      maxFiles: this.maxFiles,
    };
  }

  protected override readValue(): Upload[] | File[] {
    return this.chosen.filter((item) => !item.controller).map((item) => item.upload ?? item.file) as Upload[] | File[];
  }

  /**
   * Replaces the files done; uploads still running go on. The same list again
   * (a form re-rendering with the value it just read) changes nothing.
   */
  protected override writeValue(value: Upload[] | File[] | undefined): void {
    const next: (Upload | File)[] = value ?? [];
    const done = this.chosen.filter((item) => !item.controller);
    const same = next.length === done.length && next.every((item, index) => (item instanceof File ? done[index]!.file === item : done[index]!.upload?.id === item.id));
    if (same) return;
    this.chosen = [...next.map(chosenFrom), ...this.chosen.filter((item) => item.controller)];
  }

  private abortUploads(): void {
    for (const item of this.chosen) item.controller?.abort();
    this.chosen = this.chosen.filter((item) => !item.controller);
  }

  /** Files not uploaded yet are checked as the uploads they would become. */
  protected override validationValue(): Upload[] {
    return this.chosen
      .filter((item) => !item.controller)
      .map((item) => item.upload ?? { id: '', name: item.name, size: item.size, type: item.type });
  }

  protected override ownProblems(): FieldProblem[] {
    return this.chosen.some((item) => item.controller) ? [{ message: this.t('fileWait'), flag: 'customError' }] : [];
  }

  protected override formValue(): FormValue {
    const done = this.chosen.filter((item) => !item.controller);
    if (done.length === 0) return null;
    const data = new FormData();
    for (const item of done) {
      if (item.file) data.append(this.formName, item.file);
      else if (item.upload) data.append(this.formName, item.upload.id);
    }
    return data;
  }

  protected override formState(): string | FormData | null {
    const done = this.chosen.filter((item) => !item.controller);
    if (done.length === 0) return null;
    if (done.every((item) => item.file && !item.upload)) {
      const data = new FormData();
      for (const item of done) data.append('file', item.file!);
      return data;
    }
    return JSON.stringify(done.map((item) => item.upload).filter(Boolean));
  }

  protected override restoreValue(state: string | File | FormData | null): Upload[] | File[] | undefined {
    if (state instanceof FormData) return state.getAll('file').filter((entry): entry is File => entry instanceof File);
    return super.restoreValue(state, 'restore');
  }

  protected override hintLines(): string[] {
    const field = this.effectiveField;
    const maxFiles = field.maxFiles ?? 1;
    const limits = this.t('fileHint', { types: acceptLabel(field.accept), size: formatBytes(this.language, field.maxSize) });
    return [...super.hintLines(), maxFiles > 1 ? `${limits}, ${this.t('fileCount', { count: maxFiles })}` : limits];
  }

  /** The value changed by the person's doing: the host hears `input` and `change`. */
  private valueChanged(): void {
    this.syncForm();
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    this.userChange();
  }

  private onChoose(event: Event): void {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length === 0) return;
    const field = this.effectiveField;
    const maxFiles = field.maxFiles ?? 1;
    const path = this.formName || field.id;
    // with one file allowed a new choice replaces the old one, as a native file input does
    const replacing = maxFiles === 1;
    const room = replacing ? 1 : maxFiles - this.chosen.length;
    const refusals: string[] = [];
    const added: Chosen[] = [];
    for (const file of files) {
      const [error] = validateValue({ ...field, required: false, maxFiles: undefined }, [{ id: '', name: file.name, size: file.size, type: file.type }], { path });
      if (error) refusals.push(this.errorMessage(error));
      else if (added.length >= room) refusals.push(this.t('fileTooMany', { name: file.name, count: maxFiles }));
      else added.push(chosenFrom(file));
    }
    const replaced = replacing && added.length > 0 ? this.chosen : [];
    for (const item of replaced) item.controller?.abort();
    this.chosen = [...this.chosen.filter((item) => !replaced.includes(item)), ...added];
    this.refusals = refusals;
    this.error = '';
    if (this.uploader) for (const item of added) this.startUpload(item);
    this.status = [...(this.uploader ? [] : added.map((item) => this.t('fileChosen', { name: item.name }))), ...refusals].join(' ');
    const valueChanged = (!this.uploader && added.length > 0) || replaced.some((item) => !item.controller);
    if (valueChanged) this.valueChanged();
    else {
      this.syncForm();
      this.touched = true;
    }
  }

  private startUpload(item: Chosen): void {
    const controller = new AbortController();
    item.controller = controller;
    this.uploader!(item.file!, controller.signal).then(
      (upload) => {
        if (controller.signal.aborted) return;
        this.chosen = this.chosen.map((other) => (other === item ? { ...chosenFrom(upload), name: item.name } : other));
        this.status = this.t('fileUploaded', { name: item.name });
        this.valueChanged();
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        this.chosen = this.chosen.filter((other) => other !== item);
        const code = (error as { code?: unknown } | undefined)?.code;
        const field = this.effectiveField;
        const message =
          typeof code === 'string' && REFUSALS.has(code)
            ? this.errorMessage({
                path: this.formName || field.id,
                code: code as ErrorCode,
                params: { name: item.name, accept: acceptLabel(field.accept), maxSize: field.maxSize, maxFiles: field.maxFiles ?? 1 },
              })
            : this.t('fileFailed', { name: item.name });
        this.refusals = [...this.refusals, message];
        this.status = message;
        this.syncForm();
      },
    );
  }

  private async removeFile(item: Chosen, index: number): Promise<void> {
    const wasDone = !item.controller;
    item.controller?.abort();
    this.chosen = this.chosen.filter((other) => other !== item);
    this.status = this.t('fileRemoved', { name: item.name });
    if (wasDone) this.valueChanged();
    else this.syncForm();
    await this.updateComplete;
    // the focus goes to the file now in its place, or back to the input
    const buttons = this.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="remove"]');
    (buttons[Math.min(index, buttons.length - 1)] ?? this.controlFor())?.focus();
  }

  protected override renderField(): TemplateResult {
    const field = this.effectiveField;
    const messages = [...this.refusals, ...this.shownProblems().map((problem) => problem.message)];
    const invalid = messages.length > 0;
    const maxFiles = field.maxFiles ?? 1;
    const editable = !this.inactive && !this.readonly;
    return html`<div part="field" class="field ${invalid ? 'invalid' : ''}" lang=${this.language} @focusout=${this.onFocusOut}>
      <label part="label" for="control">${this.renderLabelText()}</label>
      ${this.renderHint()}
      <input
        id="control"
        part="control"
        type="file"
        accept=${field.accept.join(',')}
        ?multiple=${maxFiles > 1}
        ?disabled=${!editable}
        ?required=${!!field.required && this.chosen.length === 0}
        aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby=${this.describedBy(invalid)}
        @input=${(event: Event) => event.stopPropagation()}
        @change=${this.onChoose}
      />
      ${this.renderError(messages)}
      ${this.chosen.length === 0
        ? nothing
        : html`<ul part="files" class="files" aria-label=${this.t('fileList')}>
            ${this.chosen.map(
              (item, index) => html`<li part="file">
                <span class="file-name">${item.name}</span>
                <span class="file-size">${formatBytes(this.language, item.size)}${item.controller ? html`, ${this.t('fileUploading')}` : nothing}</span>
                ${editable
                  ? html`<button
                      part="remove"
                      class="button secondary"
                      type="button"
                      aria-label=${this.t('fileRemove', { name: item.name })}
                      @click=${() => this.removeFile(item, index)}
                    >
                      ${this.t('fileRemoveShort')}
                    </button>`
                  : nothing}
              </li>`,
            )}
          </ul>`}
      <p part="status" class="visually-hidden" role="status">${this.status}</p>
    </div>`;
  }
}
