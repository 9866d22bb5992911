/** The reading script (naskah ikrar): one document for the whole event. */
import type { EventConfig } from '../model/event.js';
import type { MarkupDocument } from '../model/markup.js';
import type { TemplateEngine } from '../templates/engine.js';
import { eventData, letterheadOf, type EventData, type OfficialData } from './common.js';

export interface ScriptData {
  event: EventData;
  reader: OfficialData;
  /** Programme items (susunan acara); empty → no programme page. */
  programme: string[];
}

export function scriptData(event: EventConfig, ev: EventData = eventData(event)): ScriptData {
  return { event: ev, reader: ev.reader, programme: ev.programme };
}

export function buildScript(engine: TemplateEngine, event: EventConfig, ev?: EventData): MarkupDocument {
  const doc = engine.render('naskah-ikrar', scriptData(event, ev), letterheadOf(event));
  doc.kind = 'script';
  return doc;
}
