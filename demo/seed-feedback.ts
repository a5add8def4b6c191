/**
 * Seeds the demo town's problem reports and page ratings through the
 * backend's feedback service (server/feedback/service.ts), no SQL of its
 * own. The categories, the town's boundary and its addresses come from
 * demo/feedback (REPORT_CATEGORIES, TOWN_AREA, TOWN_ADDRESSES).
 *
 * | category  | where        | state                               | reporter          |
 * |-----------|--------------|-------------------------------------|-------------------|
 * | lighting  | Návesní 14   | received, two "I see it too"        | anonymous         |
 * | furniture | Nádražní 22  | received                            | an e-mail         |
 * | roads     | K Rybníku 13 | in progress, with the office's reply | Marie Šťastná     |
 * | waste     | Polní 21     | solved, awaiting the confirmation   | Petr Veselý       |
 * | greenery  | Lipová 9     | rejected, with the reason           | anonymous         |
 *
 * And 30 ratings over the demo's pages, some with a comment.
 *
 * Each report has a fixed Idempotency-Key (`demo-seed:report:…`): run again,
 * the service answers the stored report, whose history shows the office's
 * changes made already, and nothing is changed; the ratings are seeded only
 * while the first seeded comment is not stored yet.
 */
import type { NewReport, ReportState } from '../src/contract/feedback.js';
import type { Config } from '../server/config.js';
import { feedbackService } from '../server/feedback/service.js';
import type { Database } from '../server/storage/database.js';

const TOWN = 'Javorná Lhota';

interface SeedReport {
  key: string;
  report: NewReport;
  /** What the office did with it, in order. */
  changes: { state?: ReportState; reply?: string }[];
  /** Browsers that said "I see it too". */
  supporters?: number;
}

const place = (label: string, lat: number, lon: number) => ({ lat, lon, address: `${label}, ${TOWN}` });

/** The demo's reports (the flow tests look for the lamp at Návesní 14 for the duplicate suggestion). */
export const SEED_REPORTS: SeedReport[] = [
  {
    key: 'demo-seed:report:lamp-navesni',
    report: {
      category: 'lighting',
      description: 'Pouliční lampa na návsi u kapličky nesvítí už třetí večer, chodník k obchodu je po setmění úplně tmavý.',
      location: place('Návesní 14', 49.4318, 15.5912),
      photos: [],
    },
    changes: [],
    supporters: 2,
  },
  {
    key: 'demo-seed:report:shelter-nadrazni',
    report: {
      category: 'furniture',
      description: 'Na zastávce u nádraží je rozbité sklo přístřešku, střepy leží na lavičce i na chodníku.',
      location: place('Nádražní 22', 49.42983, 15.58783),
      photos: [],
      contact: { email: 'h.kralova@example.cz' },
    },
    changes: [],
  },
  {
    key: 'demo-seed:report:pothole-rybnik',
    report: {
      category: 'roads',
      description: 'Hluboký výmol na silnici u mostku přes potok, auta se mu vyhýbají do protisměru.',
      location: place('K Rybníku 13', 49.4345, 15.593),
      photos: [],
      contact: { name: 'Marie Šťastná', email: 'marie.stastna@example.cz' },
    },
    changes: [{ state: 'in-progress', reply: 'Výmol jsme označili dopravní značkou, opravu asfaltem máme objednanou na příští týden.' }],
  },
  {
    key: 'demo-seed:report:dump-polni',
    report: {
      category: 'waste',
      description: 'Za hřištěm na konci Polní ulice někdo vysypal stavební suť a staré pneumatiky.',
      location: place('Polní 21', 49.428, 15.585),
      photos: [],
      contact: { name: 'Petr Veselý', phone: '+420 601 234 567' },
    },
    changes: [
      { state: 'in-progress', reply: 'Děkujeme, odvoz objednáváme u technických služeb.' },
      { state: 'solved', reply: 'Suť i pneumatiky jsme odvezli na sběrný dvůr. Dejte nám prosím vědět, zda je místo v pořádku.' },
    ],
  },
  {
    key: 'demo-seed:report:hedge-lipova',
    report: {
      category: 'greenery',
      description: 'Živý plot u domu přerůstá přes chodník, s kočárkem se musí obcházet po silnici.',
      location: place('Lipová 9', 49.4365, 15.58725),
      photos: [],
    },
    changes: [
      {
        state: 'rejected',
        reply: 'Plot roste na soukromém pozemku, obec ho stříhat nemůže. Majitele jsme dopisem vyzvali, aby ho do konce měsíce zastřihl.',
      },
    ],
  },
];

const PAGES = ['/', '/poplatky.html', '/participace.html', '/formulare.html', '/zavady.html', '/kontakt.html'] as const;

/** 30 ratings: [page, helpful, comment?]. The first comment marks the ratings as seeded. */
export const SEED_RATINGS: [(typeof PAGES)[number], boolean, string?][] = [
  ['/poplatky.html', true, 'Zaplatit poplatek za psa přes QR kód bylo otázkou minuty, díky.'],
  ['/poplatky.html', true],
  ['/poplatky.html', true],
  ['/poplatky.html', true],
  ['/poplatky.html', false, 'Nenašla jsem, kolik platí senioři nad 70 let.'],
  ['/poplatky.html', true],
  ['/poplatky.html', false],
  ['/participace.html', true, 'Hlasování D21 je fajn, jen by se hodily fotky míst, kde má projekt být.'],
  ['/participace.html', true],
  ['/participace.html', true],
  ['/participace.html', false],
  ['/participace.html', true],
  ['/formulare.html', true],
  ['/formulare.html', false, 'Ve formuláři na dotaci chybí vzor rozpočtu.'],
  ['/formulare.html', true],
  ['/formulare.html', true],
  ['/zavady.html', true, 'Nahlásil jsem rozbitou lampu a za dva dny svítila. Super.'],
  ['/zavady.html', true],
  ['/zavady.html', true],
  ['/zavady.html', false],
  ['/kontakt.html', true],
  ['/kontakt.html', false, 'Chybí úřední hodiny o prázdninách.'],
  ['/kontakt.html', true],
  ['/kontakt.html', true],
  ['/', true],
  ['/', true],
  ['/', false],
  ['/', true],
  ['/', true],
  ['/', false, 'Úvodní stránka by mohla mít aktuality z úřední desky.'],
];

export async function seedFeedback(db: Database, config: Config): Promise<void> {
  const service = feedbackService({ db, config });
  for (const { key, report, changes, supporters = 0 } of SEED_REPORTS) {
    const { report: stored } = await service.createReport(report, undefined, key);
    // a browser's support counts once, so seeding it again adds nothing (and a closed report takes none)
    const open = stored.state === 'received' || stored.state === 'in-progress';
    for (let i = 1; open && i <= supporters; i++) await service.support(stored.id, { kind: 'browser', who: `demo-seed:${i}` });
    // the office's changes, unless the report has more history than its receipt (seeded before, or handled since)
    if (stored.history.length > 1) continue;
    for (const change of changes) await service.changeReport(stored.id, change);
  }

  const marker = SEED_RATINGS.find(([, , comment]) => comment)![2]!;
  const summary = await service.ratingSummary();
  if (summary.targets.some((target) => target.comments.some((entry) => entry.comment === marker))) return;
  for (const [target, helpful, comment] of SEED_RATINGS) await service.rate({ target, helpful, ...(comment ? { comment } : {}) });
}
