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
    Published(Box<engo::Published>),
    /// Real data is published with the sample's placeholders (the fields that have them).
    Placeholders(Vec<&'static str>),
    /// The publisher file cannot be used (path, reason).
    Publisher(String, String),
    /// The template is written.
    Template { path: String, sheets: usize },
    /// `engo verify`: every link of the file's log holds.
    ChainHolds {
        file: String,
        head: Box<engo::stages::chain::Head>,
    },
    /// `engo verify`: the file's log has no event.
    NoEvents(String),
    /// `engo verify`: no event of the file's log carries a link.
    Unlinked(String),
    /// `engo verify`: the first broken link (`cell`: ` [sheet!A1]` for a workbook, or empty).
    ChainBroken {
        file: String,
        cell: String,
        broken: Box<engo::stages::chain::BrokenLink>,
    },
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
            (Msg::ChainHolds { file, head }, lang) => {
                let (n, i, h, t) = (
                    head.index + 1,
                    head.index,
                    head.hash,
                    head.time.to_rfc3339(),
                );
                match lang {
                    Kk => format!(
                        "{file}: журналдың хэш тізбегі бүтін — {n} оқиға; басы №{i} {h} ({t}). Оны портал жариялаған баспен салыстырыңыз (GET /log/head, log-head.json)."
                    ),
                    Ru => format!(
                        "{file}: цепочка хешей журнала цела — {n} событий; голова №{i} {h} ({t}). Сравните её с головой, опубликованной порталом (GET /log/head, log-head.json)."
                    ),
                    En => format!(
                        "{file}: the log's hash chain holds — {n} events; head #{i} {h} ({t}). Compare it with the head the portal publishes (GET /log/head, log-head.json)."
                    ),
                }
            }
            (Msg::NoEvents(file), Kk) => {
                format!("{file}: файлда оқиға жоқ — тексеретін тізбек жоқ.")
            }
            (Msg::NoEvents(file), Ru) => format!("{file}: в файле нет событий — проверять нечего."),
            (Msg::NoEvents(file), En) => {
                format!("{file}: the file has no event — there is no chain to verify.")
            }
            (Msg::Unlinked(file), Kk) => format!(
                "{file}: журналда хэш тізбегі жоқ (бірде-бір оқиғада prev_hash жоқ), оны тексеру мүмкін емес; engo export оны байланыстырады."
            ),
            (Msg::Unlinked(file), Ru) => format!(
                "{file}: у журнала нет цепочки хешей (ни одно событие не несёт prev_hash), проверить его нельзя; engo export её построит."
            ),
            (Msg::Unlinked(file), En) => format!(
                "{file}: the log carries no hash chain (no event has a prev_hash), so it cannot be verified; engo export links it."
            ),
            (Msg::ChainBroken { file, cell, broken }, lang) => {
                let b = broken;
                let (i, at) = (b.index, format!("{}{cell}", b.pointer));
                let (m, e, seq, expected) = (b.machine, &b.entity, b.seq, b.expected);
                let found = b.found.map(|f| f.to_string());
                match lang {
                    Kk => format!(
                        "{file}: хэш тізбегі №{i} оқиғада үзілген ({at}; {m} {e}, {seq}-оқиға): онда {}, ал алдыңғы оқиғаның хэші {expected}. Осы жерде оқиға өзгертілген, жойылған, қосылған немесе орны ауыстырылған.",
                        found.map_or_else(
                            || "prev_hash жоқ".to_owned(),
                            |f| format!("prev_hash {f}")
                        )
                    ),
                    Ru => format!(
                        "{file}: цепочка хешей нарушена на событии №{i} ({at}; {m} {e}, событие {seq}): у него {}, а хеш предыдущего события {expected}. Здесь событие изменено, удалено, вставлено или переставлено.",
                        found.map_or_else(
                            || "нет prev_hash".to_owned(),
                            |f| format!("prev_hash {f}")
                        )
                    ),
                    En => format!(
                        "{file}: the hash chain is broken at event #{i} ({at}; {m} {e}, seq {seq}): it carries {}, but the event before it hashes to {expected}. An event was changed, removed, inserted or moved here.",
                        found.map_or_else(
                            || "no prev_hash".to_owned(),
                            |f| format!("prev_hash {f}")
                        )
                    ),
                }
            }
            (Msg::Published(p), lang) => {
                let mb = p.bytes as f64 / 1_048_576.0;
                let dir = p.dir.display();
                let (r, e, er, w) = (p.records, p.events, p.errors, p.warnings);
                let (f, pages) = (p.files, p.pages);
                let head = p
                    .head
                    .as_ref()
                    .map_or_else(|| " —".to_owned(), |h| format!(" #{} {}", h.index, h.hash));
                match lang {
                    Kk => format!(
                        "{dir}: {f} файл ({mb:.1} МБ, сайттың {pages} беті) жарияланды — {r} жазба, {e} оқиға; {er} қате, {w} ескерту. Журнал басы:{head}. Ашу: {dir}/index.html"
                    ),
                    Ru => format!(
                        "{dir}: опубликовано {f} файлов ({mb:.1} МБ, {pages} страниц сайта) — {r} записей, {e} событий; {er} ошибок, {w} предупреждений. Голова журнала:{head}. Откройте {dir}/index.html"
                    ),
                    En => format!(
                        "{dir}: published {f} files ({mb:.1} MB, {pages} pages of the website) — {r} records, {e} events; {er} errors, {w} warnings. Head of the log:{head}. Open {dir}/index.html"
                    ),
                }
            }
        }
    }
}
