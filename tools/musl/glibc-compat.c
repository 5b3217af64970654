/* The two glibc symbols the .NET Native AOT runtime (built against glibc) needs that musl does
 * not have: glibc's CPU_ALLOC/CPU_FREE call them, musl's expand to calloc/free inline.
 * CPU_ALLOC_SIZE(count) = bytes for count CPUs, rounded up to whole unsigned longs. */
typedef __SIZE_TYPE__ size_t;
void *calloc(size_t n, size_t size);
void free(void *p);

void *__sched_cpualloc(size_t count)
{
    return calloc(1, (count + 8 * sizeof(unsigned long) - 1) / (8 * sizeof(unsigned long)) * sizeof(unsigned long));
}

void __sched_cpufree(void *set)
{
    free(set);
}
