/* A library the fake CubeProgrammer_API needs at load time and that sits beside it, like
 * libSTLinkUSBDriver.so and libFileManager.so.1 beside ST's libCubeProgrammer_API.so. */
#ifdef _WIN32
__declspec(dllexport)
#else
__attribute__((visibility("default")))
#endif
int fake_dep_value(void) { return 42; }
