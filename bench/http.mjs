export async function httpBench() { return [] }
