import { defineMessages } from '../../src/i18n/translator.js';

/** The words of `<obec-map>`. */
const cs = {
  label: 'Mapa obce {town}',
  labelPlain: 'Mapa obce',
  help: 'Šipkami posunete zaměřovací kříž, klávesami + a − mapu přiblížíte a oddálíte, Enter nebo mezerník umístí špendlík. Myší nebo prstem klepněte na místo, tažením mapu posunete.',
  zoomIn: 'Přiblížit',
  zoomOut: 'Oddálit',
  placeHere: 'Umístit špendlík na střed mapy',
  tilesFailed: 'Mapové podklady se nepodařilo načíst; místo určete adresou nebo polohou.',
  noTiles: 'Mapa ukazuje jen hranici obce; místo můžete určit i adresou nebo polohou.',
  loading: 'Načítáme mapu…',
  loadFailed: 'Mapu se nepodařilo načíst; místo určete adresou nebo polohou.',
  placed: 'Špendlík umístěn: {where}.',
  placedNear: 'Špendlík umístěn poblíž adresy {address}.',
  outside: 'Toto místo je mimo území obce.',
  zoomed: 'Přiblížení {zoom}.',
  pinTitle: 'Vybrané místo',
};

export type MapMessages = typeof cs;

/** Messages of `<obec-map>`; English is loaded when a page asks for it. */
export const mapMessages = defineMessages({ cs, en: () => import('./obec-map.messages.en.js') });
