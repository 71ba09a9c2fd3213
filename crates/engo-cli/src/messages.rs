//! The command's own messages in Kazakh, Russian and English.

use engo::model::Lang;

/// A message of the command (the library's errors are quoted inside, as they come).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Msg {
    /// An argument is out of range.
    BadArgument(String),
    /// A file cannot be read.
    Read(String, String),
    /// The input is not a dataset (path, reason).
    Unusable(String, String),
    /// The input's format is not known from its name.
    UnknownFormat(String),
    /// Writing failed.
    Write(String, String),
    /// The criteria profile cannot be used.
    Profile(String),
    /// A bug: something that should not fail did.
    Internal(String),
    /// Progress: generating the sample.
    StepGenerate,
    /// Progress: reading a file.
    StepRead(String),
    /// Progress: writing a file.
    StepWrite(String),
    /// Progress: validating.
    StepValidate,
    /// Progress: exporting.
    StepExport(String),
    /// The sample is written.
    Sampled {
        records: usize,
        events: usize,
        faults: usize,
        path: String,
    },
    /// Publishing is refused: the data has error findings.
    Refused(usize),
    /// What was published.
    Published(engo::Published),
    /// Real data is published with the sample's placeholders (the fields that have them).
    Placeholders(Vec<&'static str>),
    /// The publisher file cannot be used (path, reason).
    Publisher(String, String),
    /// The template is written.
    Template { path: String, sheets: usize },
}

impl Msg {
    /// The message in `lang`.
    pub(crate) fn render(&self, lang: Lang) -> String {
        use Lang::{En, Kk, Ru};
        match (self, lang) {
            (Msg::BadArgument(e), Kk) => format!("аргумент дұрыс емес: {e}"),
            (Msg::BadArgument(e), Ru) => format!("неверный аргумент: {e}"),
            (Msg::BadArgument(e), En) => format!("bad argument: {e}"),
            (Msg::Read(p, e), Kk) => format!("{p} файлын оқу мүмкін болмады: {e}"),
            (Msg::Read(p, e), Ru) => format!("не удалось прочитать {p}: {e}"),
            (Msg::Read(p, e), En) => format!("cannot read {p}: {e}"),
            (Msg::Unusable(p, e), Kk) => format!("{p} деректер жиыны ретінде оқылмайды: {e}"),
            (Msg::Unusable(p, e), Ru) => format!("{p} не читается как набор данных: {e}"),
            (Msg::Unusable(p, e), En) => format!("{p} is not a usable dataset: {e}"),
            (Msg::UnknownFormat(p), Kk) => format!(
                "{p} пішімі белгісіз: .json, .ndjson, .xml, .xlsx немесе datapackage.json күтіледі"
            ),
            (Msg::UnknownFormat(p), Ru) => format!(
                "формат {p} неизвестен: ожидается .json, .ndjson, .xml, .xlsx или datapackage.json"
            ),
            (Msg::UnknownFormat(p), En) => {
                format!(
                    "unknown format of {p}: expected .json, .ndjson, .xml, .xlsx or datapackage.json"
                )
            }
            (Msg::Write(p, e), Kk) => format!("{p} жазу мүмкін болмады: {e}"),
            (Msg::Write(p, e), Ru) => format!("не удалось записать {p}: {e}"),
            (Msg::Write(p, e), En) => format!("cannot write {p}: {e}"),
            (Msg::Profile(e), Kk) => format!("өлшемшарттар профилі: {e}"),
            (Msg::Profile(e), Ru) => format!("профиль критериев: {e}"),
            (Msg::Profile(e), En) => format!("criteria profile: {e}"),
            (Msg::Internal(e), Kk) => format!("ішкі қате (хабарлаңыз): {e}"),
            (Msg::Internal(e), Ru) => format!("внутренняя ошибка (сообщите о ней): {e}"),
            (Msg::Internal(e), En) => format!("internal error (please report it): {e}"),
            (Msg::StepGenerate, Kk) => "үлгі деректер жасалуда".to_owned(),
            (Msg::StepGenerate, Ru) => "создаётся образец данных".to_owned(),
            (Msg::StepGenerate, En) => "generating the sample".to_owned(),
            (Msg::StepRead(p), Kk) => format!("{p} оқылуда"),
            (Msg::StepRead(p), Ru) => format!("чтение {p}"),
            (Msg::StepRead(p), En) => format!("reading {p}"),
            (Msg::StepWrite(p), Kk) => format!("{p} жазылуда"),
            (Msg::StepWrite(p), Ru) => format!("запись {p}"),
            (Msg::StepWrite(p), En) => format!("writing {p}"),
            (Msg::StepValidate, Kk) => "тексеру: пішін, өлшемшарттар, кезеңдер".to_owned(),
            (Msg::StepValidate, Ru) => "проверка: форма, критерии, стадии".to_owned(),
            (Msg::StepValidate, En) => "validating: shape, criteria, stages".to_owned(),
            (Msg::StepExport(p), Kk) => format!("{p} ішіне ашық пішімдер жазылуда"),
            (Msg::StepExport(p), Ru) => format!("запись открытых форматов в {p}"),
            (Msg::StepExport(p), En) => format!("writing the open formats to {p}"),
            (
                Msg::Sampled {
                    records,
                    events,
                    faults,
                    path,
                },
                Kk,
            ) => {
                format!("{path}: {records} жазба, {events} оқиға, {faults} әдейі қате")
            }
            (
                Msg::Sampled {
                    records,
                    events,
                    faults,
                    path,
                },
                Ru,
            ) => {
                format!("{path}: {records} записей, {events} событий, {faults} намеренных ошибок")
            }
            (
                Msg::Sampled {
                    records,
                    events,
                    faults,
                    path,
                },
                En,
            ) => {
                format!("{path}: {records} records, {events} events, {faults} planted faults")
            }
            (Msg::Refused(n), Kk) => {
                format!("жариялаудан бас тартылды: {n} қате (--allow-errors жариялайды)")
            }
            (Msg::Refused(n), Ru) => {
                format!("публикация отклонена: {n} ошибок (--allow-errors опубликует)")
            }
            (Msg::Refused(n), En) => {
                format!("not published: {n} error findings (--allow-errors publishes anyway)")
            }
            (Msg::Placeholders(fields), lang) => {
                let fields = fields.join(", ");
                match lang {
                    Kk => format!(
                        "НАЗАР АУДАРЫҢЫЗ: нақты деректер үлгі мәндермен жарияланды ({fields}). Жариялаушы файлын --publisher FILE арқылы беріңіз (schemas/publisher.schema.json)."
                    ),
                    Ru => format!(
                        "ВНИМАНИЕ: реальные данные опубликованы с образцовыми значениями ({fields}). Укажите файл издателя: --publisher FILE (schemas/publisher.schema.json)."
                    ),
                    En => format!(
                        "WARNING: real data published with the sample's placeholders ({fields}). Give a publisher file with --publisher FILE (schemas/publisher.schema.json)."
                    ),
                }
            }
            (Msg::Publisher(p, e), Kk) => format!("жариялаушы файлы {p}: {e}"),
            (Msg::Publisher(p, e), Ru) => format!("файл издателя {p}: {e}"),
            (Msg::Publisher(p, e), En) => format!("publisher file {p}: {e}"),
            (Msg::Template { path, sheets }, Kk) => format!(
                "{path}: толтыруға арналған кітап, {sheets} кесте парағы; толтырған соң: engo validate {path}"
            ),
            (Msg::Template { path, sheets }, Ru) => format!(
                "{path}: книга для заполнения, {sheets} листов таблиц; после заполнения: engo validate {path}"
            ),
            (Msg::Template { path, sheets }, En) => format!(
                "{path}: a workbook to fill in, {sheets} table sheets; then: engo validate {path}"
            ),
            (Msg::Published(p), lang) => {
                let mb = p.bytes as f64 / 1_048_576.0;
                let dir = p.dir.display();
                let (r, e, er, w) = (p.records, p.events, p.errors, p.warnings);
                let (f, pages) = (p.files, p.pages);
                match lang {
                    Kk => format!(
                        "{dir}: {f} файл ({mb:.1} МБ, сайттың {pages} беті) жарияланды — {r} жазба, {e} оқиға; {er} қате, {w} ескерту. Ашу: {dir}/index.html"
                    ),
                    Ru => format!(
                        "{dir}: опубликовано {f} файлов ({mb:.1} МБ, {pages} страниц сайта) — {r} записей, {e} событий; {er} ошибок, {w} предупреждений. Откройте {dir}/index.html"
                    ),
                    En => format!(
                        "{dir}: published {f} files ({mb:.1} MB, {pages} pages of the website) — {r} records, {e} events; {er} errors, {w} warnings. Open {dir}/index.html"
                    ),
                }
            }
        }
    }
}
