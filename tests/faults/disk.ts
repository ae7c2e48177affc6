/**
 * Real disk faults for the database tests. Tests run as root, and root ignores file modes (a 0444
 * file is still writable for it), so "read-only" also sets the immutable attribute, which the
 * kernel enforces for root as well: SQLite then opens the file read-only and every write fails with
 * SQLITE_READONLY, as it does for a service user facing a 0444 file. "Full" is a real small file
 * system (tmpfs) filled to the last byte, so commits fail with SQLITE_FULL where a real disk would.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const asRoot = process.getuid?.() === 0;

/** Makes `file` read-only for this process; returns the undo. */
export function makeReadOnly(file: string): () => void {
  chmodSync(file, 0o444);
  if (asRoot) execFileSync('chattr', ['+i', file]);
  return () => {
    if (asRoot) execFileSync('chattr', ['-i', file]);
    chmodSync(file, 0o600);
  };
}

export interface SmallDisk {
  readonly dir: string;
  /** Takes every free byte, so the next write that needs space fails with ENOSPC. */
  fill(): void;
  /** Gives the space back. */
  free(): void;
  /** Unmounts and removes the mount point. */
  close(): void;
}

/** A fresh file system of `megabytes` mounted on a new folder (needs root, as the tests run). */
export function smallDisk(megabytes = 16): SmallDisk {
  const dir = mkdtempSync(join(tmpdir(), 'small-disk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m,mode=0700`, 'tmpfs', dir]);
  const filler = join(dir, 'filler');
  return {
    dir,
    fill() {
      const fd = openSync(filler, 'a');
      const chunk = Buffer.alloc(64 * 1024);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
        // Then the last few bytes, so not even a small write fits.
        try {
          for (;;) writeSync(fd, chunk, 0, 512);
        } catch {}
      } finally {
        closeSync(fd);
      }
    },
    free() {
      rmSync(filler, { force: true });
    },
    close() {
      execFileSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
