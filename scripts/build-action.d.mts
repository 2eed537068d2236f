export interface BundleTarget {
  entry: string;
  output: string;
  executable: boolean;
}
export const BUNDLES: BundleTarget[];
export function bundle(target: { entry: string }): Promise<string>;
