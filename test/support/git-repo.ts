/** Real git repositories in temp dirs for the git-mode, pre-commit and Action tests. */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { tempDir } from "./cli.js";

/** A directory name that trips naive shell quoting and byte/character confusion. */
export const AWKWARD_DIR = "repo with spaces é ü 日本";

export interface GitRepo {
  dir: string;
  git(...args: string[]): string;
  write(file: string, content: string): void;
  commit(message: string): string;
  cleanup(): void;
}

export function createRepo(name = AWKWARD_DIR): GitRepo {
  const temp = tempDir("clientleak-git-");
  const dir = path.join(temp.dir, name);
  mkdirSync(dir);
  const git = (...args: string[]) =>
    execFileSync("git", args, {
      cwd: dir,
      encoding: "utf8",
      env: {
        ...process.env,
        GIT_AUTHOR_DATE: "2024-01-01T00:00:00Z",
        GIT_COMMITTER_DATE: "2024-01-01T00:00:00Z",
      },
    });
  git("init", "-q", "-b", "main");
  git("config", "user.email", "test@example.invalid");
  git("config", "user.name", "clientleak test");
  git("config", "commit.gpgsign", "false");
  return {
    dir,
    git,
    write(file, content) {
      const target = path.join(dir, file);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, content);
    },
    commit(message) {
      git("add", "-A");
      git("commit", "-q", "-m", message);
      return git("rev-parse", "HEAD").trim();
    },
    cleanup: temp.cleanup,
  };
}
