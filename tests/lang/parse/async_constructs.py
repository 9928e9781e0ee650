async def f(a, *, b=1) -> int:
    await g()
    x = await h(1) + await k
    async with a as b, c:
        pass
    async with (a as b, c as d):
        pass
    async for x in y:
        continue
    else:
        pass
    return [i async for i in j if await i]


@decorator
async def g():
    return {k: v async for k, v in items() async for z in w}


async def h():
    yield await x
    await (yield)
    print(f"{await x}")
