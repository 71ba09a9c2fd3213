//! The downloads page: each format with what it is for, its schema, its size, its licence and
//! how to open it; the CSV tables; the OCDS field coverage; the publication's identifiers.

use askama::Template;
use engo_export::ocds::Coverage;
use engo_model::Lang;

use crate::{
    context::{Ctx, FileHref},
    format::Bytes,
    paths::{Filter, ListKind, PageKind},
};

/// Where a format's schema is.
#[derive(Debug, Clone, Copy)]
enum Schema {
    /// A file of the publication (`schemas/…`).
    Local(&'static str),
    /// The standard's own page.
    External(&'static str),
    /// Inside the file itself.
    Inside,
}

/// A way to open a file: the tool and what to type (or do).
type Recipe = (&'static str, &'static str);

/// A format of the publication.
struct Format {
    path: &'static str,
    /// What it is for, `[kk, ru, en]`.
    what: [&'static str; 3],
    schema: Schema,
    open: &'static [Recipe],
}

static FORMATS: &[Format] = &[
    Format {
        path: "engo.json",
        what: [
            "Бүкіл деректер жиыны бір канондық JSON құжатында: әр жазба өз кезеңімен, оқиғалар журналымен бірге.",
            "Весь набор данных в одном каноническом документе JSON: каждая запись со своей стадией и журнал событий.",
            "The whole dataset in one canonical JSON document: every record with its stage, and the event log.",
        ],
        schema: Schema::Local("schemas/dataset.schema.json"),
        open: &[
            ("jq", "jq '.organizations | length' engo.json"),
            (
                "Python",
                "import json; ds = json.load(open('engo.json', encoding='utf-8'))",
            ),
        ],
    },
    Format {
        path: "engo.ndjson",
        what: [
            "Бір жолда бір жазба: ағынмен оқуға және дерекқорға жүктеуге ыңғайлы.",
            "Одна запись в строке: удобно читать потоком и загружать в базу данных.",
            "One record a line: to stream it, or load it into a database.",
        ],
        schema: Schema::Local("schemas/ndjson-line.schema.json"),
        open: &[
            (
                "DuckDB",
                "SELECT kind, count(*) FROM read_json_auto('engo.ndjson') GROUP BY kind;",
            ),
            ("pandas", "pd.read_json('engo.ndjson', lines=True)"),
        ],
    },
    Format {
        path: "engo.xml",
        what: [
            "Сол деректер XML пішімінде, XML-мен жұмыс істейтін жүйелер үшін.",
            "Те же данные в XML — для систем, работающих с XML.",
            "The same data in XML, for systems that work with XML.",
        ],
        schema: Schema::Local("schemas/engo.xsd"),
        open: &[(
            "xmllint",
            "xmllint --noout --schema schemas/engo.xsd engo.xml",
        )],
    },
    Format {
        path: "datapackage.json",
        what: [
            "Кестелер: әр жинаққа бір UTF-8 CSV файлы (csv/ қалтасында), түрлері, кілттері мен байланыстары Frictionless деректер пакетінде сипатталған. Excel пен талдауға ең қолайлысы.",
            "Таблицы: по одному CSV в UTF-8 на коллекцию (папка csv/), типы, ключи и связи описаны в пакете данных Frictionless. Удобнее всего для Excel и анализа.",
            "Tables: one UTF-8 CSV per collection (folder csv/), their types, keys and links described in a Frictionless data package. The easiest for Excel and analysis.",
        ],
        schema: Schema::Inside,
        open: &[
            (
                "Excel",
                "Data → From Text/CSV → File origin: 65001 Unicode (UTF-8)",
            ),
            (
                "pandas",
                "pd.read_csv('csv/organizations.csv', dtype={'bin': str})",
            ),
            ("DuckDB", "SELECT * FROM 'csv/social_orders.csv';"),
            ("frictionless", "frictionless validate datapackage.json"),
        ],
    },
    Format {
        path: "ocds/release-package.json",
        what: [
            "Әлеуметтік тапсырыстар OCDS 1.1 стандартында: әр кезең оқиғасына бір релиз, metrics және bids кеңейтулерімен — OCDS құралдары мен тәуекел белгілерін талдау үшін.",
            "Социальные заказы в стандарте OCDS 1.1: релиз на каждое событие стадии, с расширениями metrics и bids — для инструментов OCDS и анализа «красных флагов».",
            "Social orders in OCDS 1.1: a release per stage event, with the metrics and bids extensions — for OCDS tools and red-flag analysis.",
        ],
        schema: Schema::External(
            "https://standard.open-contracting.org/1.1/en/schema/release_package/",
        ),
        open: &[
            ("OCDS Kit", "ocdskit compile ocds/release-package.json"),
            (
                "OCDS Data Review Tool",
                "https://review.standard.open-contracting.org/",
            ),
        ],
    },
    Format {
        path: "ocds/record-package.json",
        what: [
            "Әр процеске бір жазба және оның жинақталған релизі (соңғы күйі).",
            "По одной записи на процесс и его сводный релиз (последнее состояние).",
            "One record per process, with its compiled release (the latest state).",
        ],
        schema: Schema::External(
            "https://standard.open-contracting.org/1.1/en/schema/record_package/",
        ),
        open: &[
            (
                "pandas",
                "pd.json_normalize(json.load(open('ocds/record-package.json'))['records'])",
            ),
            (
                "Flatten Tool",
                "flatten-tool flatten ocds/record-package.json --root-id ocid -f xlsx",
            ),
        ],
    },
    Format {
        path: "360giving/grants.json",
        what: [
            "Гранттар 360Giving 1.4.3 стандартында, гранттарды салыстыратын құралдар үшін.",
            "Гранты в стандарте 360Giving 1.4.3 — для инструментов сравнения грантов.",
            "Grants in 360Giving 1.4.3, for the tools that compare grants.",
        ],
        schema: Schema::External(
            "https://standard.threesixtygiving.org/en/latest/technical/reference/",
        ),
        open: &[
            (
                "360Giving Data Quality Tool",
                "https://dataquality.threesixtygiving.org/",
            ),
            (
                "pandas",
                "pd.json_normalize(json.load(open('360giving/grants.json'))['grants'])",
            ),
        ],
    },
    Format {
        path: "report.json",
        what: [
            "Тексеру нәтижелері: әр табылған мәселе коды, орны және үш тілдегі хабарымен.",
            "Результаты проверки: каждая находка с кодом, местом и сообщением на трёх языках.",
            "What the validation found: every finding with its code, place and message.",
        ],
        schema: Schema::Local("schemas/findings-report.schema.json"),
        open: &[("jq", "jq '.groups[] | {code, count}' report.json")],
    },
];

/// A row of the formats' table.
pub(super) struct Row {
    path: &'static str,
    href: Option<FileHref<'static>>,
    what: &'static str,
    size: Option<Bytes>,
    schema: Option<(String, String)>,
    open: &'static [Recipe],
}

/// A row of the coverage table.
pub(super) struct Covered {
    field: &'static str,
    processes: usize,
}

#[derive(Template)]
#[template(path = "downloads.html")]
pub(super) struct DownloadsPage<'s> {
    ctx: Ctx<'s>,
    formats: Vec<Row>,
    /// The CSV tables: link, name, size.
    tables: Vec<(FileHref<'s>, &'s str, Bytes)>,
    /// The schema files: link, name, size.
    schemas: Vec<(FileHref<'s>, &'s str, Bytes)>,
    coverage: Option<&'s Coverage>,
    covered: Vec<Covered>,
}

impl<'s> DownloadsPage<'s> {
    pub(super) fn new(ctx: Ctx<'s>) -> DownloadsPage<'s> {
        let site = ctx.site;
        let lang = ctx.lang;
        let size_of = |path: &str| {
            site.files()
                .iter()
                .find(|f| f.path == path)
                .map(|f| Bytes(f.bytes, lang))
        };
        let pick = |texts: &[&'static str; 3]| match lang {
            Lang::Kk => texts[0],
            Lang::Ru => texts[1],
            Lang::En => texts[2],
        };
        let formats = FORMATS
            .iter()
            .map(|f| Row {
                path: f.path,
                href: ctx.data(f.path),
                what: pick(&f.what),
                size: size_of(f.path),
                schema: match f.schema {
                    Schema::Local(path) => ctx.data(path).map(|h| (h.to_string(), path.to_owned())),
                    Schema::External(url) => Some((url.to_owned(), url.to_owned())),
                    Schema::Inside => Some((
                        ctx.data(f.path).map(|h| h.to_string()).unwrap_or_default(),
                        f.path.to_owned(),
                    ))
                    .filter(|(h, _)| !h.is_empty()),
                },
                open: f.open,
            })
            .collect();
        let under = |folder: &str| {
            site.files()
                .iter()
                .filter(|f| f.path.starts_with(folder))
                .map(|f| (ctx.file(&f.path), f.path.as_str(), Bytes(f.bytes, lang)))
                .collect()
        };
        let coverage = site.coverage();
        let covered = coverage
            .map(|c| {
                c.fields
                    .iter()
                    .map(|(field, processes)| Covered {
                        field,
                        processes: *processes,
                    })
                    .collect()
            })
            .unwrap_or_default();
        DownloadsPage {
            ctx,
            formats,
            tables: under("csv/"),
            schemas: under("schemas/"),
            coverage,
            covered,
        }
    }

    /// The address of a file where it is published.
    fn url_of(&self, path: &str) -> String {
        self.ctx.site.publication().url_of(path)
    }
}
