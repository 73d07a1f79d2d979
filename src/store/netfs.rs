//! Is a database on a network file system? SQLite's locking and WAL shared memory are not
//! reliable over the network, so resv does not write there (`open.rs`).

use std::path::Path;

/// `statfs` f_type of every FUSE file system.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
const FUSE: u32 = 0x6573_5546;

#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
/// FUSE file systems that keep their data on this host. Any other FUSE mount (sshfs,
/// rclone, s3fs, GNOME's gvfs, glusterfs, ...) counts as a network file system.
const LOCAL_FUSE: &[&str] = &[
    "fuseblk",
    "fuse.fuse-overlayfs",
    "fuse.bindfs",
    "fuse.lxcfs",
    "fuse.ntfs-3g",
    "fuse.exfat",
    "fuse.encfs",
    "fuse.gocryptfs",
    "fuse.cryfs",
    "fuse.squashfuse",
    "fuse.mergerfs",
];

/// File systems where SQLite's locking and WAL shared memory are not reliable
/// (`statfs` f_type magic numbers from Linux's `magic.h`).
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
const NETWORK_FS: &[(u32, &str)] = &[
    (0x6969, "NFS"),
    (0x517B, "SMB"),
    (0xFF53_4D42, "CIFS"),
    (0xFE53_4D42, "SMB2"),
    (0x0102_1997, "9p"),
    (0x5346_414F, "AFS"),
    (0x6B41_4653, "AFS"),
    (0x00C3_6400, "Ceph"),
    (0x7375_7245, "Coda"),
    (0x564C, "NCP"),
    (0x0BD0_0BD0, "Lustre"),
    (0x0116_1970, "GFS2"),
    (0x7461_636F, "OCFS2"),
];

/// The real check: `statfs` on the path, else on its nearest existing folder. On other
/// systems than Linux, and when `statfs` fails, nothing is detected.
pub fn network_fs(path: &Path) -> Option<&'static str> {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::ffi::OsStrExt;
        let existing = existing_folder(path);
        let c = std::ffi::CString::new(existing.as_os_str().as_bytes()).ok()?;
        let mut st: libc::statfs = unsafe { std::mem::zeroed() };
        // SAFETY: `c` is a valid C string and `st` a writable statfs.
        if unsafe { libc::statfs(c.as_ptr(), &mut st) } != 0 {
            tracing::warn!(
                "statfs {} failed: {}",
                existing.display(),
                std::io::Error::last_os_error()
            );
            return None;
        }
        // f_type is signed on some targets; the magic numbers are 32-bit.
        #[allow(clippy::unnecessary_cast)]
        let magic = (st.f_type as u64 & 0xFFFF_FFFF) as u32;
        if magic == FUSE {
            // FUSE carries local file systems too (an NTFS disk, a rootless container's
            // root): the mount table names which one.
            let real = std::fs::canonicalize(existing).ok()?;
            let table = std::fs::read_to_string("/proc/self/mountinfo").unwrap_or_default();
            return fuse_is_network(&table, &real).then_some("FUSE (e.g. sshfs)");
        }
        NETWORK_FS.iter().find(|(m, _)| *m == magic).map(|(_, name)| *name)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = path;
        None
    }
}

#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
/// The path itself if it exists, else its nearest existing folder. A relative path's last
/// ancestor is the empty path, which is the current folder (`Path::new("").exists()` is
/// false, so a new database named without a folder was never checked).
fn existing_folder(path: &Path) -> &Path {
    path.ancestors()
        .map(|p| if p.as_os_str().is_empty() { Path::new(".") } else { p })
        .find(|p| p.exists())
        .unwrap_or(Path::new("."))
}

#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
/// The file system type of the mount `path` is on, from `/proc/self/mountinfo` text: the
/// mount point that is the longest prefix of the (canonical) path.
fn mount_type<'a>(mountinfo: &'a str, path: &Path) -> Option<&'a str> {
    let mut best: Option<(usize, &str)> = None;
    for line in mountinfo.lines() {
        let Some((left, right)) = line.split_once(" - ") else {
            continue;
        };
        let (Some(point), Some(fstype)) = (left.split(' ').nth(4), right.split(' ').next()) else {
            continue;
        };
        let point = unescape(point);
        let len = point.len();
        if path.starts_with(&point) && best.is_none_or(|(l, _)| len >= l) {
            best = Some((len, fstype));
        }
    }
    best.map(|(_, t)| t)
}

#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
/// Mount points in mountinfo escape space, tab, newline and backslash as `\NNN` (octal).
fn unescape(field: &str) -> String {
    let b = field.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let octal = b
            .get(i + 1..i + 4)
            .filter(|d| b[i] == b'\\' && (b'0'..=b'3').contains(&d[0]) && d.iter().all(|c| (b'0'..=b'7').contains(c)));
        if let Some(d) = octal {
            out.push((d[0] - b'0') * 64 + (d[1] - b'0') * 8 + (d[2] - b'0'));
            i += 4;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
/// Whether a path on a FUSE mount is on a network one (an unknown FUSE type counts as one).
fn fuse_is_network(mountinfo: &str, path: &Path) -> bool {
    mount_type(mountinfo, path).is_none_or(|t| !LOCAL_FUSE.contains(&t))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MOUNTINFO: &str = "\
22 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw
40 22 0:45 / /home/jan/server rw,nosuid - fuse.sshfs jan@server:/data rw,user_id=1000
41 22 8:17 / /media/jan/USB\\040STICK rw - fuseblk /dev/sdb1 rw
42 22 0:50 / /var/lib/containers/root rw - fuse.fuse-overlayfs fuse-overlayfs rw
43 40 0:51 / /home/jan/server/inner rw - fuse.rclone remote: rw
";

    #[test]
    fn fuse_mounts_are_told_apart_by_their_type() {
        let net = |p: &str| fuse_is_network(MOUNTINFO, Path::new(p));
        assert!(net("/home/jan/server/resv.db"), "sshfs");
        assert!(
            net("/home/jan/server/inner/resv.db"),
            "the longest mount point wins: rclone"
        );
        assert!(
            !net("/media/jan/USB STICK/resv.db"),
            "an NTFS disk (fuseblk), escaped space"
        );
        assert!(!net("/var/lib/containers/root/resv.db"), "a rootless container's root");
        assert_eq!(mount_type(MOUNTINFO, Path::new("/home/jan/serverx/a.db")), Some("ext4"));
        assert!(
            net("/anything"),
            "a type that is no known local FUSE type counts as network"
        );
        assert!(
            fuse_is_network("", Path::new("/x")),
            "so does a FUSE mount missing from the table"
        );
        assert!(fuse_is_network("garbage\n", Path::new("/x")));
    }

    /// Review of issue 15: `--db new.db` (no folder, not yet there) was never checked, so a
    /// new database could be created on a network file system from inside its folder.
    #[test]
    fn a_new_database_without_a_folder_is_checked_in_the_current_folder() {
        assert_eq!(existing_folder(Path::new("no-such-folder-xyz/new.db")), Path::new("."));
        assert_eq!(existing_folder(Path::new("new.db")), Path::new("."));
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(existing_folder(&dir.path().join("a").join("b.db")), dir.path());
    }

    /// Review of issue 15: an octal escape above `\377` overflowed a byte (a panic in a
    /// debug build). The kernel writes only `\040`, `\011`, `\012` and `\134`; anything
    /// else is kept as written.
    #[test]
    fn escapes_that_are_no_byte_are_kept_as_written() {
        assert_eq!(unescape("/mnt/a\\777b"), "/mnt/a\\777b");
        assert_eq!(unescape("/mnt/a\\040b\\134"), "/mnt/a b\\");
        assert_eq!(
            mount_type("1 1 0:1 / /x\\777 rw - nfs s rw\n", Path::new("/x\\777/a.db")),
            Some("nfs")
        );
    }

    #[test]
    fn the_local_test_folder_is_not_a_network_file_system() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(network_fs(&dir.path().join("not-yet").join("resv.db")), None);
    }
}
