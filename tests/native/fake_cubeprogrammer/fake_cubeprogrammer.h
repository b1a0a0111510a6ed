/*
 * The CubeProgrammer_API declarations Stm32Flash uses, written from ST's headers (the 2.18 header's
 * layouts, x64 offsets, as in shared/reference/cubeprogrammer-api.md) and from what changed between
 * versions. FAKE_API_VERSION (major * 100 + minor, 218 when not set) selects the header the fake follows:
 *   from 2.15  getStLinkEnumerationList
 *   from 2.17  freeLibraryMemory
 *   from 2.18  debugConnectMode HW_RESET_PULSE_MODE (5)
 *   from 2.19  usartConnectParameters.DelayRtsDtr after statusDTR
 *   from 2.21  dfuConnectParameters.usbTimeout
 * (debugConnectParameters with board, DBG_Sleep and speed, and the 496-byte generalInf, are the same in
 * every version the fake builds). Also FAKE_VERSION_TEXT (a log line sent when the callbacks are set),
 * FAKE_IDENTITY, FAKE_OMIT_WRITEMEMORY.
 */
#ifndef FAKE_CUBEPROGRAMMER_H
#define FAKE_CUBEPROGRAMMER_H

#include <wchar.h>

#ifndef FAKE_API_VERSION
#define FAKE_API_VERSION 218
#endif

#ifdef _WIN32
#define API_EXPORT __declspec(dllexport)
#else
#define API_EXPORT __attribute__((visibility("default")))
#endif

typedef enum debugPort { JTAG = 0, SWD = 1 } debugPort;

typedef enum debugConnectMode {
    NORMAL_MODE = 0, HOTPLUG_MODE = 1, UNDER_RESET_MODE = 2, POWER_DOWN_MODE = 3, PRE_RESET_MODE = 4,
#if FAKE_API_VERSION >= 218
    HW_RESET_PULSE_MODE = 5
#endif
} debugConnectMode;

#if FAKE_API_VERSION >= 218
#define FAKE_LAST_CONNECT_MODE HW_RESET_PULSE_MODE
#else
#define FAKE_LAST_CONNECT_MODE PRE_RESET_MODE
#endif

typedef enum debugResetMode { SOFTWARE_RESET = 0, HARDWARE_RESET = 1, CORE_RESET = 2 } debugResetMode;

typedef enum usartParity { EVEN = 0, ODD = 1, NONE = 2 } usartParity;

typedef enum usartFlowControl { OFF = 0, HARDWARE = 1, SOFTWARE = 2 } usartFlowControl;

typedef enum targetInterfaceType {
    STLINK_INTERFACE = 0, USART_INTERFACE = 1, USB_INTERFACE = 2, SPI_INTERFACE = 3,
    I2C_INTERFACE = 4, CAN_INTERFACE = 5, JLINK_INTERFACE = 6
} targetInterfaceType;

typedef struct frequencies {
    unsigned int jtagFreq[12];
    unsigned int jtagFreqNumber;
    unsigned int swdFreq[12];
    unsigned int swdFreqNumber;
} frequencies;

typedef struct debugConnectParameters {
    debugPort dbgPort;
    int index;
    char serialNumber[33];
    char firmwareVersion[20];
    char targetVoltage[5];
    int accessPortNumber;
    int accessPort;
    debugConnectMode connectionMode;
    debugResetMode resetMode;
    int isOldFirmware;
    frequencies freq;
    int frequency;
    int isBridge;
    int shared;
    char board[100];
    int DBG_Sleep;
    int speed;
} debugConnectParameters;

typedef struct dfuDeviceInfo {
    char usbIndex[10];
    int busNumber;
    int addressNumber;
    char productId[100];
    char serialNumber[100];
    unsigned int dfuVersion;
} dfuDeviceInfo;

typedef struct dfuConnectParameters {
    char *usb_index;
    char rdu;
    char tzenreg;
#if FAKE_API_VERSION >= 221
    int usbTimeout;
#endif
} dfuConnectParameters;

typedef struct usartConnectParameters {
    char portName[100];
    unsigned int baudrate;
    usartParity parity;
    unsigned char dataBits;
    float stopBits;
    usartFlowControl flowControl;
    int statusRTS;
    int statusDTR;
#if FAKE_API_VERSION >= 219
    int DelayRtsDtr;
#endif
    unsigned char noinitBits;
    char rdu;
    char tzenreg;
} usartConnectParameters;

typedef struct spiConnectParameters {
    unsigned int baudrate;
    unsigned short crcPol;
    int direction;
    int cpha;
    int cpol;
    int crc;
    int firstBit;
    int frameFormat;
    int dataSize;
    int mode;
    int nss;
    int nssPulse;
    int delay;
} spiConnectParameters;

typedef struct canConnectParameters {
    int br;
    int mode;
    int ide;
    int rtr;
    int fifo;
    int fm;
    int fs;
    int fe;
    char fbn;
} canConnectParameters;

typedef struct i2cConnectParameters {
    int add;
    int br;
    int sm;
    int am;
    int af;
    int df;
    char dnf;
    int rt;
    int ft;
} i2cConnectParameters;

typedef struct generalInf {
    unsigned short deviceId;
    int flashSize;
    int bootloaderVersion;
    char type[4];
    char cpu[20];
    char name[100];
    char series[100];
    char description[150];
    char revisionId[8];
    char board[100];
} generalInf;

typedef struct displayCallBacks {
    void (*initProgressBar)(void);
    void (*logMessage)(int msgType, const wchar_t *str);
    void (*loadBar)(int x, int n);
} displayCallBacks;

API_EXPORT int getStLinkList(debugConnectParameters **stLinkList, int shared);
#if FAKE_API_VERSION >= 215
API_EXPORT int getStLinkEnumerationList(debugConnectParameters **stlink_list, int shared);
#endif
API_EXPORT int connectStLink(debugConnectParameters debugParameters);
API_EXPORT int reset(debugResetMode rstMode);
API_EXPORT int getUsartList(usartConnectParameters **usartList);
API_EXPORT int connectUsartBootloader(usartConnectParameters usartParameters);
API_EXPORT int sendByteUart(int byte);
API_EXPORT int getDfuDeviceList(dfuDeviceInfo **dfuList, int iPID, int iVID);
API_EXPORT int connectDfuBootloader(char *usbIndex);
API_EXPORT int connectDfuBootloader2(dfuConnectParameters dfuParameters);
API_EXPORT int connectSpiBootloader(spiConnectParameters spiParameters);
API_EXPORT int connectCanBootloader(canConnectParameters canParameters);
API_EXPORT int connectI2cBootloader(i2cConnectParameters i2cParameters);
API_EXPORT void setDisplayCallbacks(displayCallBacks c);
API_EXPORT void setVerbosityLevel(int level);
API_EXPORT int checkDeviceConnection(void);
API_EXPORT generalInf *getDeviceGeneralInf(void);
API_EXPORT int readMemory(unsigned int address, unsigned char **data, unsigned int size);
API_EXPORT int writeMemory(unsigned int address, char *data, unsigned int size);
API_EXPORT int editSector(unsigned int address, char *data, unsigned int size);
API_EXPORT int downloadFile(const wchar_t *filePath, unsigned int address, unsigned int skipErase,
                            unsigned int verify, const wchar_t *binPath);
API_EXPORT int execute(unsigned int address);
API_EXPORT int massErase(char *sFlashMemName);
API_EXPORT int sectorErase(unsigned int sectors[], unsigned int sectorNbr, char *sFlashMemName);
API_EXPORT int readUnprotect(void);
API_EXPORT int tzenRegression(void);
API_EXPORT int getTargetInterfaceType(void);
API_EXPORT volatile int *getCancelPointer(void);
API_EXPORT int sendOptionBytesCmd(char *command);
API_EXPORT void setLoadersPath(const char *path);
API_EXPORT void disconnect(void);
API_EXPORT void deleteInterfaceList(void);
#if FAKE_API_VERSION >= 217
API_EXPORT void freeLibraryMemory(void *ptr);
#endif

#endif
