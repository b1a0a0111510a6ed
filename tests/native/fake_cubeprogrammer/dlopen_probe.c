/* Opens a library the plain way (dlopen of its full path) in a fresh process and prints the linker's answer. */
#include <dlfcn.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc != 2) return 2;
    void *handle = dlopen(argv[1], RTLD_NOW);
    puts(handle ? "loaded" : dlerror());
    return handle ? 0 : 1;
}
