export async function browserBench() { return [] }
