// The live transcript: one list item per utterance, confirmed text plus a dimmed draft (stash) while it is spoken,
// then the final transcript and how long it took. Finals are also read out through a polite live region.

function seconds(ms) {
  return `${(ms / 1000).toFixed(2)} s`;
}

export class TranscriptView {
  /**
   * @param {HTMLOListElement} list the transcript.
   * @param {HTMLElement} announcer an aria-live="polite" region that receives each final.
   */
  constructor(list, announcer) {
    this.list = list;
    this.announcer = announcer;
    this.items = new Map();
  }

  /** The utterance element for an item, created (state "speaking") on first sight. */
  utterance(itemId) {
    let entry = this.items.get(itemId);
    if (!entry) {
      const li = document.createElement('li');
      li.className = 'utterance';
      li.dataset.itemId = itemId;
      li.dataset.state = 'speaking';
      li.dataset.partials = '0';
      const text = document.createElement('span');
      text.className = 'text';
      const stash = document.createElement('span');
      stash.className = 'stash';
      const timing = document.createElement('span');
      timing.className = 'timing';
      li.append(text, stash, timing);
      this.list.append(li);
      entry = { li, text, stash, timing, endAt: undefined, endLabel: '' };
      this.items.set(itemId, entry);
      this.list.parentElement?.scrollTo?.({ top: this.list.scrollHeight });
    }
    return entry;
  }

  /** conversation.item.input_audio_transcription.text: a snapshot, confirmed `text` plus tentative `stash`. */
  partial(itemId, text, stash) {
    const entry = this.utterance(itemId);
    if (entry.li.dataset.state !== 'speaking') return;
    entry.text.textContent = text;
    // The preview is text + stash as sent: the stash carries its own leading space where one belongs.
    entry.stash.textContent = stash;
    entry.li.dataset.partials = String(Number(entry.li.dataset.partials) + 1);
  }

  /** The moment the talker is done with this item (speech_stopped, or the commit): the final's latency counts from here. */
  markEnd(itemId, at, label) {
    const entry = this.utterance(itemId);
    if (entry.endAt === undefined) {
      entry.endAt = at;
      entry.endLabel = label;
    }
  }

  /** conversation.item.input_audio_transcription.completed. */
  completed(itemId, transcript, at) {
    const entry = this.utterance(itemId);
    entry.li.dataset.state = 'final';
    entry.text.textContent = transcript;
    entry.stash.textContent = '';
    if (!transcript) entry.text.textContent = '(nothing recognised)';
    if (entry.endAt !== undefined) {
      const latency = Math.max(0, at - entry.endAt);
      entry.li.dataset.latencyMs = String(Math.round(latency));
      entry.timing.textContent = `final ${seconds(latency)} after ${entry.endLabel}`;
    }
    if (transcript) this.announce(transcript);
  }

  /** conversation.item.input_audio_transcription.failed. */
  failed(itemId, message) {
    const entry = this.utterance(itemId);
    entry.li.dataset.state = 'failed';
    entry.stash.textContent = '';
    entry.timing.textContent = `not transcribed: ${message}`;
  }

  announce(text) {
    // A fresh node per final: screen readers announce additions to the live region.
    const line = document.createElement('p');
    line.textContent = text;
    this.announcer.append(line);
    while (this.announcer.childElementCount > 3) this.announcer.firstElementChild.remove();
  }

  clear() {
    this.items.clear();
    this.list.replaceChildren();
  }
}
