import CCurl

/// The C callbacks installed on every easy handle.
///
/// They must be non-capturing to convert to C function pointers, so each one recovers its ``CurlTransfer``
/// from the user-data pointer libcurl passes back (set with `Unmanaged.passUnretained` for the duration of
/// one `curl_easy_perform`, during which the transfer is kept alive by the caller).
enum CurlCallbacks {
    static let write: curl_write_callback = { data, size, count, userData in
        guard let userData else { return 0 }
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(userData).takeUnretainedValue()
        return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count))
    }

    static let header: curl_write_callback = { data, size, count, userData in
        guard let userData else { return 0 }
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(userData).takeUnretainedValue()
        return transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: size * count))
    }

    static let read: curl_read_callback = { data, size, count, userData in
        guard let userData else { return Int(CURL_READFUNC_ABORT) }
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(userData).takeUnretainedValue()
        return transfer.sendBody(into: UnsafeMutableRawBufferPointer(start: data, count: size * count))
    }

    static let seek: curl_seek_callback = { userData, offset, origin in
        guard let userData else { return Int32(CURL_SEEKFUNC_FAIL) }
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(userData).takeUnretainedValue()
        return transfer.seekBody(offset: Int64(offset), origin: origin)
    }

    static let progress: curl_xferinfo_callback = { userData, _, downloaded, _, uploaded in
        guard let userData else { return 1 }
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(userData).takeUnretainedValue()
        return transfer.progress(downloaded: Int64(downloaded), uploaded: Int64(uploaded))
    }

    /// Opens each socket libcurl needs, refusing one to any address but the pinned one.
    static let openSocket: curl_opensocket_callback = { userData, _, address in
        guard let userData, let address else { return -1 }
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(userData).takeUnretainedValue()
        return transfer.openSocket(address)
    }
}
