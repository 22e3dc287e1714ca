#include "sqlitefile.h"

#include "text.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QStorageInfo>

#include <sqlite3.h>

#include <cerrno>
#include <cstring>
#include <dlfcn.h>
#include <link.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <string>

namespace {

const char *const companionSuffixes[] = {"-wal", "-shm", "-journal"};

QString systemReason(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

// The path with its folder resolved (symbolic links, "..") and its own name kept: a file that
// does not exist yet is compared by where it would be created.
QString resolvedPath(const QString &path)
{
    const QFileInfo info(path);
    if (info.exists())
        return info.canonicalFilePath();
    const QString folder = info.absoluteDir().canonicalPath();
    return (folder.isEmpty() ? info.absolutePath() : folder) + u'/' + info.fileName();
}

bool sameFile(const QString &a, const QString &b)
{
    struct stat first, second;
    if (::stat(QFile::encodeName(a).constData(), &first) != 0
        || ::stat(QFile::encodeName(b).constData(), &second) != 0)
        return false;
    return first.st_dev == second.st_dev && first.st_ino == second.st_ino;
}

int findQtSqlitePlugin(dl_phdr_info *info, size_t, void *found)
{
    if (info->dlpi_name && std::strstr(info->dlpi_name, "/sqldrivers/libqsqlite")) {
        *static_cast<std::string *>(found) = info->dlpi_name;
        return 1;
    }
    return 0;
}

} // namespace

namespace SqliteFile {

Status checkBeforeOpen(const QString &path)
{
    const QFileInfo info(path);
    if (info.isDir())
        return Error::database(Text::tr("%1 is a folder, not an SQLite database").arg(path));
    if (!info.exists()) {
        if (!info.absoluteDir().exists())
            return Error::database(Text::tr("Cannot create %1: the folder %2 does not exist")
                                       .arg(path, info.absolutePath()));
        // SQLite would take a journal left by a deleted database of the same name for the new
        // database's own, and play its pages into it.
        for (const char *suffix : {"-wal", "-journal"}) {
            const QFileInfo leftOver(path + QLatin1String(suffix));
            if (leftOver.exists() && leftOver.size() > 0)
                return Error::database(
                    Text::tr("Cannot create %1: %2 is left from an earlier database of that name; "
                             "move it away first")
                        .arg(path, leftOver.filePath()));
        }
        return success();
    }
    // access(2) answers without opening the file.
    if (::access(QFile::encodeName(path).constData(), R_OK) != 0)
        return Error::database(Text::tr("Cannot open %1: %2").arg(path, systemReason(errno)));
    return success();
}

QStringList warnings(const QString &path)
{
    QStringList found;
    const QFileInfo info(path);
    const QStorageInfo volume(info.exists() ? info.absoluteFilePath() : info.absolutePath());
    if (volume.isValid() && isNetworkFileSystem(volume.fileSystemType()))
        found << Text::tr("%1 is on a network or shared file system (%2), whose file locks SQLite "
                          "cannot rely on: two programs using it at once can corrupt it. Keep the "
                          "file on a local disk, or share a PostgreSQL database instead.")
                     .arg(path, QString::fromLatin1(volume.fileSystemType()));
    struct stat status;
    if (::stat(QFile::encodeName(path).constData(), &status) == 0 && status.st_nlink > 1)
        found << Text::tr("%1 has %2 names (hard links); a program that opens it under another name "
                          "keeps a journal of its own beside it and can corrupt it. Open it under one "
                          "name only.")
                     .arg(path)
                     .arg(status.st_nlink);
    return found;
}

bool isNetworkFileSystem(const QByteArray &type)
{
    // Network file systems, and the shared folders of virtual machines (WSL, VirtualBox,
    // VMware, Parallels), which are network file systems in disguise.
    static const char *const remote[] = {
        "nfs",   "nfs4",   "cifs",    "smb3",   "smbfs",  "smb2",   "9p",     "afs",    "ceph",
        "coda",  "ncpfs",  "lustre",  "gpfs",   "beegfs", "glusterfs", "davfs", "drvfs", "vboxsf",
        "vmhgfs", "prl_fs", "ocfs2",  "gfs2",
    };
    for (const char *name : remote)
        if (type == name)
            return true;
    // FUSE mounts name their driver: sshfs, rclone, s3fs, gcsfuse, davfs2, … are remote; the
    // local ones (ntfs-3g, exfat) are not.
    if (type.startsWith("fuse.")) {
        static const char *const local[] = {"fuse.ntfs-3g", "fuse.ntfs", "fuse.exfat", "fuse.fuse-overlayfs",
                                            "fuse.lxcfs", "fuse.portal", "fuse.gvfsd-fuse"};
        for (const char *name : local)
            if (type == name)
                return false;
        return true;
    }
    return false;
}

bool isPartOfDatabase(const QString &path, const QString &databasePath)
{
    const QString target = resolvedPath(path);
    QStringList parts{databasePath};
    for (const char *suffix : companionSuffixes)
        parts << databasePath + QLatin1String(suffix);
    for (const QString &part : std::as_const(parts))
        if (resolvedPath(part) == target || sameFile(part, path))
            return true;
    return false;
}

namespace {

struct OpenFiles
{
    QMutex mutex;
    QHash<QString, int> connections; // path -> connections open on it
};

OpenFiles &openFiles()
{
    static OpenFiles files;
    return files;
}

bool isPartOfAnOpenDatabase(const QString &path)
{
    OpenFiles &files = openFiles();
    const QMutexLocker locker(&files.mutex);
    for (auto it = files.connections.cbegin(); it != files.connections.cend(); ++it)
        if (isPartOfDatabase(path, it.key()))
            return true;
    return false;
}

} // namespace

void registerOpen(const QString &databasePath)
{
    OpenFiles &files = openFiles();
    const QMutexLocker locker(&files.mutex);
    ++files.connections[databasePath];
}

void unregisterOpen(const QString &databasePath)
{
    OpenFiles &files = openFiles();
    const QMutexLocker locker(&files.mutex);
    if (--files.connections[databasePath] <= 0)
        files.connections.remove(databasePath);
}

Status checkInput(const QString &path)
{
    if (isPartOfAnOpenDatabase(path))
        return Error::invalidInput(
            Text::tr("%1 is a file of the database Optimeter has open, not an export to import").arg(path));
    return success();
}

Status checkOutput(const QString &path)
{
    if (isPartOfAnOpenDatabase(path))
        return Error::io(Text::tr("%1 is a file of the database Optimeter has open; choose another file").arg(path));
    QFile file(path); // not open here: reading it cannot drop a lock of ours
    if (file.open(QIODevice::ReadOnly) && file.read(16) == QByteArray("SQLite format 3\0", 16))
        return Error::io(Text::tr("%1 is an SQLite database; choose another file").arg(path));
    return success();
}

bool qtUsesOurSqliteLibrary()
{
    // Answered once the plugin is loaded (a QSQLITE connection exists); before, not at all.
    static std::atomic<int> known{-1};
    if (const int answer = known.load(); answer >= 0)
        return answer == 1;
    std::string plugin;
    dl_iterate_phdr(findQtSqlitePlugin, &plugin);
    if (plugin.empty())
        return false;
    bool same = false;
    if (void *handle = dlopen(plugin.c_str(), RTLD_LAZY | RTLD_NOLOAD)) {
        // dlsym on the plugin's handle resolves as the plugin does (itself, then what it
        // links); the same library returns the address of the same version string.
        using Version = const char *(*)();
        const auto version = reinterpret_cast<Version>(dlsym(handle, "sqlite3_libversion"));
        same = version && version() == sqlite3_libversion();
        dlclose(handle);
    }
    known = same ? 1 : 0;
    return same;
}

} // namespace SqliteFile
