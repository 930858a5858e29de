export async function bundleBench() { return [] }
