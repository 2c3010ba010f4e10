; ModuleID = 'traceN'
source_filename = "traceN"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define i32 @traceN(ptr %0, ptr %1) {
entry:
  %t = alloca i32, align 4
  %t1 = alloca i64, align 8
  %t2 = alloca i64, align 8
  %t3 = alloca i64, align 8
  %t4 = alloca i64, align 8
  %t5 = alloca i64, align 8
  %t6 = alloca i256, align 8
  %g = alloca i64, align 8
  %g7 = alloca i32, align 4
  %g8 = alloca i32, align 4
  %g9 = alloca i32, align 4
  %g10 = alloca i32, align 4
  %g11 = alloca i64, align 8
  %g12 = alloca i64, align 8
  %g13 = alloca i64, align 8
  %g14 = alloca i64, align 8
  %g15 = alloca i64, align 8
  %steps = alloca i32, align 4
  store i32 0, ptr %steps, align 4
  %fpout = alloca i64, align 8
  %fpenv = alloca i1, align 1
  %2 = getelementptr i8, ptr %0, i64 12072
  %3 = getelementptr i8, ptr %2, i64 0
  %4 = load i16, ptr %3, align 2
  %5 = getelementptr i8, ptr %2, i64 2
  %6 = load i8, ptr %5, align 1
  %7 = getelementptr i8, ptr %2, i64 5
  %8 = load i8, ptr %7, align 1
  %9 = getelementptr i8, ptr %2, i64 6
  %10 = load i8, ptr %9, align 1
  %11 = and i16 %4, 16
  %12 = icmp ne i16 %11, 0
  %13 = icmp eq i8 %6, 0
  %14 = and i1 %12, %13
  %15 = or i8 %8, %10
  %16 = icmp eq i8 %15, 0
  %17 = and i1 %14, %16
  store i1 %17, ptr %fpenv, align 1
  %18 = getelementptr i8, ptr %0, i64 3192
  %19 = load <2 x i64>, ptr %18, align 1
  %20 = getelementptr i8, ptr %0, i64 3208
  %21 = load <2 x i64>, ptr %20, align 1
  %22 = or <2 x i64> %19, %21
  %23 = getelementptr i8, ptr %0, i64 3224
  %24 = load <2 x i64>, ptr %23, align 1
  %25 = or <2 x i64> %22, %24
  %26 = getelementptr i8, ptr %0, i64 3240
  %27 = load i64, ptr %26, align 1
  %28 = getelementptr i8, ptr %0, i64 3960
  %29 = load <2 x i64>, ptr %28, align 1
  %30 = or <2 x i64> %25, %29
  %31 = getelementptr i8, ptr %0, i64 3976
  %32 = load <2 x i64>, ptr %31, align 1
  %33 = or <2 x i64> %30, %32
  %34 = getelementptr i8, ptr %0, i64 3992
  %35 = load <2 x i64>, ptr %34, align 1
  %36 = or <2 x i64> %33, %35
  %37 = getelementptr i8, ptr %0, i64 4008
  %38 = load i64, ptr %37, align 1
  %39 = or i64 %27, %38
  %40 = bitcast <2 x i64> %36 to i128
  %41 = icmp ne i128 %40, 0
  %42 = icmp ne i64 %39, 0
  %43 = or i1 %41, %42
  br i1 %43, label %not_entered, label %entered

not_entered:                                      ; preds = %entry
  %44 = getelementptr i8, ptr %1, i64 4
  store i32 0, ptr %44, align 4
  ret i32 3

entered:                                          ; preds = %entry
  %45 = getelementptr i8, ptr %0, i64 64
  %46 = load i64, ptr %45, align 4
  store i64 %46, ptr %g, align 4
  %47 = getelementptr i8, ptr %0, i64 540
  %48 = load i32, ptr %47, align 4
  store i32 %48, ptr %g7, align 4
  %49 = getelementptr i8, ptr %0, i64 536
  %50 = load i32, ptr %49, align 4
  store i32 %50, ptr %g8, align 4
  %51 = getelementptr i8, ptr %0, i64 528
  %52 = load i32, ptr %51, align 4
  store i32 %52, ptr %g9, align 4
  %53 = getelementptr i8, ptr %0, i64 532
  %54 = load i32, ptr %53, align 4
  store i32 %54, ptr %g10, align 4
  %55 = getelementptr i8, ptr %0, i64 320
  %56 = load i64, ptr %55, align 4
  store i64 %56, ptr %g11, align 4
  %57 = getelementptr i8, ptr %0, i64 3184
  %58 = load i64, ptr %57, align 4
  store i64 %58, ptr %g12, align 4
  %59 = getelementptr i8, ptr %0, i64 3440
  %60 = load i64, ptr %59, align 4
  store i64 %60, ptr %g13, align 4
  %61 = getelementptr i8, ptr %0, i64 3696
  %62 = load i64, ptr %61, align 4
  store i64 %62, ptr %g14, align 4
  %63 = getelementptr i8, ptr %0, i64 3952
  %64 = load i64, ptr %63, align 4
  store i64 %64, ptr %g15, align 4
  br label %pc_HEAD+0

pc_HEAD+0:                                        ; preds = %L16, %entered
  %65 = load i32, ptr %steps, align 4
  %66 = call i32 asm "", "=r,0"(i32 %65)
  store i32 %66, ptr %steps, align 4
  %67 = getelementptr i8, ptr %0, i64 ENV_NEG_OFFSET
  %68 = load volatile i32, ptr %67, align 4
  store i32 %68, ptr %t, align 4
  %69 = load i32, ptr %t, align 4
  %70 = icmp slt i32 %69, 0
  br i1 %70, label %L, label %71

71:                                               ; preds = %pc_HEAD+0
  %72 = ptrtoint ptr %0 to i64
  %73 = add i64 %72, 12072
  store i64 %73, ptr %t1, align 4
  %74 = load i64, ptr %g13, align 4
  store i64 %74, ptr %t2, align 4
  %75 = load i64, ptr %g14, align 4
  store i64 %75, ptr %t3, align 4
  %76 = load i64, ptr %g12, align 4
  store i64 %76, ptr %t4, align 4
  %77 = load i64, ptr %t4, align 4
  %78 = xor i64 %77, -9223372036854775808
  store i64 %78, ptr %t4, align 4
  %79 = load i64, ptr %t2, align 4
  %80 = xor i64 %79, -9223372036854775808
  store i64 %80, ptr %t2, align 4
  %81 = load i64, ptr %t2, align 4
  %82 = load i64, ptr %t3, align 4
  %83 = load i64, ptr %t4, align 4
  %84 = load i64, ptr %t1, align 4
  %85 = inttoptr i64 %84 to ptr
  store volatile i32 0, ptr %1, align 4
  %86 = call i64 inttoptr (i64 HOSTADDR to ptr)(i64 %81, i64 %82, i64 %83, ptr %85)
  %87 = getelementptr i8, ptr %0, i64 12072
  %88 = getelementptr i8, ptr %87, i64 0
  %89 = load i16, ptr %88, align 2
  %90 = getelementptr i8, ptr %87, i64 2
  %91 = load i8, ptr %90, align 1
  %92 = getelementptr i8, ptr %87, i64 5
  %93 = load i8, ptr %92, align 1
  %94 = getelementptr i8, ptr %87, i64 6
  %95 = load i8, ptr %94, align 1
  %96 = and i16 %89, 16
  %97 = icmp ne i16 %96, 0
  %98 = icmp eq i8 %91, 0
  %99 = and i1 %97, %98
  %100 = or i8 %93, %95
  %101 = icmp eq i8 %100, 0
  %102 = and i1 %99, %101
  store i1 %102, ptr %fpenv, align 1
  store i64 %86, ptr %t5, align 4
  %103 = load i64, ptr %t5, align 4
  store i64 %103, ptr %g12, align 4
  store i256 0, ptr %t6, align 4
  %104 = load i64, ptr %g13, align 4
  store i64 %104, ptr %t5, align 4
  %105 = load i64, ptr %t5, align 4
  %106 = bitcast i64 %105 to double
  %107 = getelementptr i8, ptr %0, i64 12072
  %108 = call double @llvm.sqrt.f64(double %106)
  %109 = fcmp ord double %108, 0.000000e+00
  %110 = load i1, ptr %fpenv, align 1
  %111 = and i1 %110, %109
  br i1 %111, label %fp_done, label %fp_soft

L:                                                ; preds = %pc_HEAD+0
  %112 = getelementptr i8, ptr %0, i64 64
  %113 = load i64, ptr %g, align 4
  store i64 %113, ptr %112, align 4
  %114 = getelementptr i8, ptr %0, i64 540
  %115 = load i32, ptr %g7, align 4
  store i32 %115, ptr %114, align 4
  %116 = getelementptr i8, ptr %0, i64 536
  %117 = load i32, ptr %g8, align 4
  store i32 %117, ptr %116, align 4
  %118 = getelementptr i8, ptr %0, i64 528
  %119 = load i32, ptr %g9, align 4
  store i32 %119, ptr %118, align 4
  %120 = getelementptr i8, ptr %0, i64 532
  %121 = load i32, ptr %g10, align 4
  store i32 %121, ptr %120, align 4
  %122 = getelementptr i8, ptr %0, i64 3184
  %123 = load i64, ptr %g12, align 4
  store i64 %123, ptr %122, align 4
  %124 = getelementptr i8, ptr %0, i64 3952
  %125 = load i64, ptr %g15, align 4
  store i64 %125, ptr %124, align 4
  %126 = getelementptr i8, ptr %0, i64 320
  store i64 HEAD+0, ptr %126, align 4
  %127 = getelementptr i8, ptr %1, i64 4
  %128 = load i32, ptr %steps, align 4
  store i32 %128, ptr %127, align 4
  ret i32 2

fp_soft:                                          ; preds = %71
  store volatile i32 1, ptr %1, align 4
  call preserve_allcc void @fp_soft_11(i64 %105, ptr %0, ptr %fpout)
  %129 = load i64, ptr %fpout, align 4
  %130 = bitcast i64 %129 to double
  br label %fp_done

fp_done:                                          ; preds = %fp_soft, %71
  %131 = phi double [ %108, %71 ], [ %130, %fp_soft ]
  %132 = bitcast double %131 to i64
  store i64 %132, ptr %t1, align 4
  %133 = load i64, ptr %t1, align 4
  store i64 %133, ptr %g15, align 4
  %134 = load i64, ptr %g, align 4
  %135 = sub i64 %134, 1
  store i64 %135, ptr %t1, align 4
  %136 = load i64, ptr %t1, align 4
  %137 = load i64, ptr %t1, align 4
  %138 = trunc i64 %137 to i32
  store i32 %138, ptr %g7, align 4
  %139 = load i64, ptr %t1, align 4
  %140 = lshr i64 %139, 32
  store i64 %140, ptr %t3, align 4
  %141 = load i64, ptr %t3, align 4
  %142 = load i64, ptr %t3, align 4
  %143 = trunc i64 %142 to i32
  store i32 %143, ptr %g8, align 4
  %144 = icmp ne i64 %136, 0
  %zf = zext i1 %144 to i32
  store i32 %zf, ptr %g7, align 4
  %145 = load i64, ptr %g, align 4
  %146 = icmp uge i64 %145, 1
  %147 = zext i1 %146 to i64
  store i64 %147, ptr %t2, align 4
  %148 = load i64, ptr %t2, align 4
  %149 = load i64, ptr %t2, align 4
  %150 = trunc i64 %149 to i32
  store i32 %150, ptr %g9, align 4
  %151 = load i64, ptr %g, align 4
  %152 = load i64, ptr %t1, align 4
  %153 = xor i64 %152, %151
  store i64 %153, ptr %t2, align 4
  %154 = load i64, ptr %g, align 4
  %155 = xor i64 %154, 1
  store i64 %155, ptr %t3, align 4
  %156 = load i64, ptr %t3, align 4
  %157 = load i64, ptr %t2, align 4
  %158 = and i64 %157, %156
  store i64 %158, ptr %t2, align 4
  %159 = load i64, ptr %t2, align 4
  %160 = lshr i64 %159, 32
  store i64 %160, ptr %t3, align 4
  %161 = load i64, ptr %t3, align 4
  %162 = load i64, ptr %t3, align 4
  %163 = trunc i64 %162 to i32
  store i32 %163, ptr %g10, align 4
  %164 = load i64, ptr %t1, align 4
  store i64 %164, ptr %t5, align 4
  %165 = load i64, ptr %t5, align 4
  store i64 %165, ptr %g, align 4
  %166 = load i32, ptr %g7, align 4
  %167 = icmp ne i32 %166, 0
  br i1 %167, label %L16, label %168

168:                                              ; preds = %fp_done
  store i64 HEAD+16, ptr %g11, align 4
  %169 = getelementptr i8, ptr %0, i64 64
  %170 = load i64, ptr %g, align 4
  store i64 %170, ptr %169, align 4
  %171 = getelementptr i8, ptr %0, i64 540
  %172 = load i32, ptr %g7, align 4
  store i32 %172, ptr %171, align 4
  %173 = getelementptr i8, ptr %0, i64 536
  %174 = load i32, ptr %g8, align 4
  store i32 %174, ptr %173, align 4
  %175 = getelementptr i8, ptr %0, i64 528
  %176 = load i32, ptr %g9, align 4
  store i32 %176, ptr %175, align 4
  %177 = getelementptr i8, ptr %0, i64 532
  %178 = load i32, ptr %g10, align 4
  store i32 %178, ptr %177, align 4
  %179 = getelementptr i8, ptr %0, i64 320
  %180 = load i64, ptr %g11, align 4
  store i64 %180, ptr %179, align 4
  %181 = getelementptr i8, ptr %0, i64 3184
  %182 = load i64, ptr %g12, align 4
  store i64 %182, ptr %181, align 4
  %183 = getelementptr i8, ptr %0, i64 3952
  %184 = load i64, ptr %g15, align 4
  store i64 %184, ptr %183, align 4
  %185 = getelementptr i8, ptr %1, i64 4
  %186 = load i32, ptr %steps, align 4
  store i32 %186, ptr %185, align 4
  ret i32 1

L16:                                              ; preds = %fp_done
  %187 = load i32, ptr %steps, align 4
  %188 = add i32 %187, 1
  store i32 %188, ptr %steps, align 4
  br label %pc_HEAD+0

dead:                                             ; No predecessors!
  unreachable

dead17:                                           ; No predecessors!
  unreachable

dead18:                                           ; No predecessors!
  unreachable
}

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare double @llvm.sqrt.f64(double) #0

; Function Attrs: cold noinline
define internal preserve_allcc void @fp_soft_11(i64 %0, ptr %1, ptr %2) #1 {
entry:
  %3 = call i64 inttoptr (i64 HOSTADDR to ptr)(i64 %0, ptr %1)
  store i64 %3, ptr %2, align 4
  ret void
}

attributes #0 = { nocallback nofree nosync nounwind speculatable willreturn memory(none) }
attributes #1 = { cold noinline }

