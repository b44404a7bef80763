export interface MissingPrerequisite {
  name: string;
  for: string;
}
export function missingPrerequisites(system: {
  env: Record<string, string | undefined>;
  platform: string;
  exists: (file: string) => boolean;
}): MissingPrerequisite[];
export function prerequisitesMessage(missing: MissingPrerequisite[], platform: string): string | null;
export const debianInstallCommand: string;
