import type { Translation } from '../../src/i18n/translator.js';
import type { MapMessages } from './obec-map.messages.js';

export default {
  label: 'Map of {town}',
  labelPlain: 'Map of the town',
  help: 'Arrow keys move the crosshair, + and − zoom in and out, Enter or Space places the pin. With a mouse or finger, tap the place; drag to move the map.',
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  placeHere: 'Place the pin at the centre of the map',
  tilesFailed: 'The map background could not be loaded; give the place by address or location.',
  noTiles: 'The map shows only the town boundary; you can also give the place by address or location.',
  loading: 'Loading the map…',
  loadFailed: 'The map could not be loaded; give the place by address or location.',
  placed: 'Pin placed: {where}.',
  placedNear: 'Pin placed near {address}.',
  outside: 'This place is outside the town.',
  zoomed: 'Zoom level {zoom}.',
  pinTitle: 'The chosen place',
} satisfies Translation<MapMessages>;
