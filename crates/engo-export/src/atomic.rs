//! Atomic output: files and directories are written aside, synced, and renamed into place.

use std::{
    fs::{self, File},
    io::{BufWriter, Write},
    path::{Path, PathBuf},
};

use crate::WriteError;

/// A name next to `target` that no other writer uses: `.<name>.tmp-<pid>-<n>`.
fn aside(target: &Path) -> Result<PathBuf, WriteError> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let name = target
        .file_name()
        .ok_or_else(|| WriteError::Io {
            path: target.to_owned(),
            source: std::io::Error::new(std::io::ErrorKind::InvalidInput, "no file name"),
        })?
        .to_string_lossy()
        .into_owned();
    let n = N.fetch_add(1, Ordering::Relaxed);
    Ok(target.with_file_name(format!(".{name}.tmp-{}-{n}", std::process::id())))
}

fn sync_parent(target: &Path) {
    // Syncing the directory makes the rename durable; not every platform allows it.
    if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty())
        && let Ok(dir) = File::open(parent)
    {
        let _ = dir.sync_all();
    }
}

/// Writes the file `target` atomically: `write` fills a temporary file in the same directory,
/// which is synced and renamed over `target` only if `write` succeeded. On failure the
/// temporary file is removed and an earlier `target` is left as it was.
///
/// ```
/// # let dir = tempfile::tempdir()?;
/// let path = dir.path().join("out.txt");
/// engo_export::write_file_atomically(&path, |w| Ok(w.write_all(b"hello")?))?;
/// assert_eq!(std::fs::read_to_string(&path)?, "hello");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_file_atomically<F>(target: &Path, write: F) -> Result<(), WriteError>
where
    F: FnOnce(&mut dyn Write) -> Result<(), WriteError>,
{
    let tmp = aside(target)?;
    let result = (|| {
        let file = File::create(&tmp).map_err(WriteError::io(&tmp))?;
        let mut w = BufWriter::new(file);
        write(&mut w)?;
        let file = w
            .into_inner()
            .map_err(|e| WriteError::io(&tmp)(e.into_error()))?;
        file.sync_all().map_err(WriteError::io(&tmp))?;
        fs::rename(&tmp, target).map_err(WriteError::io(target))
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    } else {
        sync_parent(target);
    }
    result
}

/// Writes the directory `target` atomically: `fill` writes files into a fresh temporary
/// directory beside `target`; when it succeeds every file is synced and the directory replaces
/// `target` (an earlier `target` is moved aside first and removed after the rename). On failure
/// the temporary directory is removed and an earlier `target` is untouched.
pub fn write_dir_atomically<F>(target: &Path, fill: F) -> Result<(), WriteError>
where
    F: FnOnce(&Path) -> Result<(), WriteError>,
{
    let tmp = aside(target)?;
    let result = (|| {
        fs::create_dir(&tmp).map_err(WriteError::io(&tmp))?;
        fill(&tmp)?;
        sync_tree(&tmp)?;
        if target.exists() {
            let old = aside(target)?;
            fs::rename(target, &old).map_err(WriteError::io(target))?;
            if let Err(e) = fs::rename(&tmp, target) {
                let _ = fs::rename(&old, target);
                return Err(WriteError::io(target)(e));
            }
            let _ = fs::remove_dir_all(&old);
        } else {
            fs::rename(&tmp, target).map_err(WriteError::io(target))?;
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_dir_all(&tmp);
    } else {
        sync_parent(target);
    }
    result
}

/// Makes every file under `dir` durable. On Linux with one `syncfs` of the file system that holds
/// `dir`: a published website has a hundred thousand pages, and a sync per file costs minutes.
#[cfg(target_os = "linux")]
fn sync_tree(dir: &Path) -> Result<(), WriteError> {
    let d = File::open(dir).map_err(WriteError::io(dir))?;
    rustix::fs::syncfs(&d).map_err(|e| WriteError::io(dir)(e.into()))
}

/// Makes every file under `dir` durable: a sync of each file and directory.
#[cfg(not(target_os = "linux"))]
fn sync_tree(dir: &Path) -> Result<(), WriteError> {
    for entry in fs::read_dir(dir).map_err(WriteError::io(dir))? {
        let path = entry.map_err(WriteError::io(dir))?.path();
        if path.is_dir() {
            sync_tree(&path)?;
        } else {
            File::open(&path)
                .and_then(|f| f.sync_all())
                .map_err(WriteError::io(&path))?;
        }
    }
    File::open(dir)
        .and_then(|f| f.sync_all())
        .map_err(WriteError::io(dir))
}

/// Creates the file `dir/name` and fills it through a buffered writer (inside a directory
/// being written atomically).
pub(crate) fn create_in<F>(dir: &Path, name: &str, write: F) -> Result<(), WriteError>
where
    F: FnOnce(&mut dyn Write) -> Result<(), WriteError>,
{
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(WriteError::io(parent))?;
    }
    let file = File::create(&path).map_err(WriteError::io(&path))?;
    let mut w = BufWriter::new(file);
    write(&mut w)?;
    w.flush().map_err(WriteError::io(&path))
}
