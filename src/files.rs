//! Files that hold customer data are readable by the user alone (mode 0600 on Unix): the
//! database and its `-wal`/`-shm` companions, backups, exports and rejects files.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;

/// Options that create a file readable and writable by the user alone (on Unix; elsewhere
/// the platform's default).
pub fn private_options() -> OpenOptions {
    let mut opts = OpenOptions::new();
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    opts
}

/// Creates (or truncates) `path` for writing, readable and writable by the user alone.
pub fn create_private(path: &Path) -> io::Result<File> {
    let file = private_options()
        .write(true)
        .create(true)
        .truncate(true)
        .open(path)?;
    // An existing file keeps its mode through `open`: tighten it too.
    make_private(path)?;
    Ok(file)
}

/// Creates `path` empty, readable and writable by the user alone; fails with
/// `AlreadyExists` when it exists.
pub fn create_new_private(path: &Path) -> io::Result<()> {
    private_options()
        .write(true)
        .create_new(true)
        .open(path)
        .map(drop)
}

/// Writes `bytes` to `path`, readable and writable by the user alone.
pub fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    io::Write::write_all(&mut create_private(path)?, bytes)
}

/// Takes every permission on `path` from the group and others (a missing file is left alone).
pub fn make_private(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = match std::fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(e),
        };
        let mode = meta.permissions().mode();
        if mode & 0o077 != 0 {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode & 0o700))?;
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// The mode bits of `path` for group and others (0 when only the user can read it; always 0
/// where the platform has no such bits).
pub fn shared_bits(path: &Path) -> io::Result<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        Ok(std::fs::metadata(path)?.permissions().mode() & 0o077)
    }
    #[cfg(not(unix))]
    {
        std::fs::metadata(path).map(|_| 0)
    }
}

/// A temporary file in the folder of `path`, to be renamed over it once whole (a failed write
/// never leaves half a file where a good one was). Its error names no temporary file (the
/// `tempfile` crate adds its random name to the message): the folder's own error when the
/// folder is not there, else the kind of failure.
pub fn temp_beside(path: &Path) -> io::Result<tempfile::NamedTempFile> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    tempfile::NamedTempFile::new_in(dir).map_err(|e| match std::fs::metadata(dir) {
        Err(plain) => plain,
        Ok(_) => io::Error::from(e.kind()),
    })
}
