def f():
    await
